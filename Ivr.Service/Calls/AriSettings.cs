namespace Ivr.Service.Calls;

/// <summary>Where the service finds Asterisk: section <c>Ari</c>, or the IVR_ARI_* environment variables the scripts set.</summary>
public sealed record AriSettings(Uri Url, string User, string Password, string Application)
{
    public static AriSettings From(IConfiguration config)
    {
        var section = config.GetSection("Ari");
        string? Get(string key, string env) => section[key] ?? Environment.GetEnvironmentVariable(env);
        var url = Get("Url", "IVR_ARI_URL") ?? throw new InvalidOperationException(
            "No Asterisk configured: set Ari:Url (or IVR_ARI_URL), e.g. http://127.0.0.1:8088/ari/ — scripts/run.sh starts the simulator and sets it.");
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"Ari:Url '{url}' is not an http(s) URL such as http://127.0.0.1:8088/ari/.");
        return new AriSettings(uri, Get("User", "IVR_ARI_USER") ?? "ivr", Get("Password", "IVR_ARI_PASSWORD") ?? "ivr",
            Get("Application", "IVR_ARI_APP") ?? "ivr");
    }
}
