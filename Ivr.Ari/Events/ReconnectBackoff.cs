namespace Ivr.Ari.Events;

/// <summary>Exponential backoff with jitter between reconnect attempts.</summary>
public static class ReconnectBackoff
{
    /// <summary>
    /// The wait before attempt <paramref name="attempt"/> (0 = first retry): initial × 2^attempt, capped at the maximum,
    /// then moved by up to ±jitter of itself using <paramref name="random01"/> (0..1).
    /// </summary>
    public static TimeSpan Delay(int attempt, AriClientOptions options, double random01)
    {
        var exponent = Math.Min(attempt, 30);
        var ms = Math.Min(options.ReconnectInitialDelay.TotalMilliseconds * Math.Pow(2, exponent), options.ReconnectMaxDelay.TotalMilliseconds);
        ms *= 1 + options.ReconnectJitter * (2 * random01 - 1);
        return TimeSpan.FromMilliseconds(Math.Max(0, ms));
    }
}
