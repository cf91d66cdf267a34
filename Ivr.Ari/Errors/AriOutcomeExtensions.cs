namespace Ivr.Ari.Errors;

/// <summary>
/// Turns "the object is gone" into a value: after a caller hangs up, hanging up, stopping a playback or reading the
/// channel gives 404, which is an expected outcome of a race with the caller, not a failure to log.
/// </summary>
public static class AriOutcomeExtensions
{
    /// <summary>True when the request succeeded, false when ARI answered 404; other failures still throw.</summary>
    public static async Task<bool> IgnoreNotFound(this Task request)
    {
        try
        {
            await request.ConfigureAwait(false);
            return true;
        }
        catch (AriNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The result, or null when ARI answered 404; other failures still throw.</summary>
    public static async Task<T?> IgnoreNotFound<T>(this Task<T> request) where T : class
    {
        try
        {
            return await request.ConfigureAwait(false);
        }
        catch (AriNotFoundException)
        {
            return null;
        }
    }
}
