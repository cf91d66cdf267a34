namespace Ivr.Tests.RealAsterisk;

/// <summary>
/// The real Asterisk the tests call, from the environment: IVR_ARI_URL (e.g. http://127.0.0.1:8088/ari/), IVR_ARI_USER and
/// IVR_ARI_PASSWORD (default ivr/ivr, asterisk-config/ari.conf), and IVR_ASTERISK_SOUNDS, the folder Asterisk reads as
/// <c>&lt;astdatadir&gt;/sounds</c> (default this checkout's prompts/sounds), where text rendered during a call must land.
/// </summary>
public sealed record RealAsteriskSettings(Uri Url, string User, string Password, string Sounds)
{
    public static RealAsteriskSettings? FromEnvironment()
    {
        var url = Environment.GetEnvironmentVariable("IVR_ARI_URL");
        if (string.IsNullOrEmpty(url)) return null;
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri))
            throw new InvalidOperationException($"IVR_ARI_URL '{url}' is not a URL such as http://127.0.0.1:8088/ari/");
        return new RealAsteriskSettings(uri,
            Environment.GetEnvironmentVariable("IVR_ARI_USER") ?? "ivr",
            Environment.GetEnvironmentVariable("IVR_ARI_PASSWORD") ?? "ivr",
            Environment.GetEnvironmentVariable("IVR_ASTERISK_SOUNDS") ?? Path.Combine(Infrastructure.Servers.RepoRoot(), "prompts", "sounds"));
    }
}
