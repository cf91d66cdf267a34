namespace Ivr.Service.Calls;

/// <summary>
/// Where the service accepts Asterisk's outbound ARI websockets (section <c>Ari</c>): <c>Listen</c> is the URL Asterisk's
/// websocket_client.conf points at (its path is the route), and <c>User</c>/<c>Password</c> the basic authentication
/// Asterisk must send (websocket_client.conf <c>username</c>/<c>password</c>).
/// </summary>
public sealed record OutboundAriSettings(AriMode Mode, Uri Listen, string User, string Password, string Application)
{
    public static OutboundAriSettings From(IConfiguration config, AriMode mode)
    {
        var section = config.GetSection("Ari");
        string? Get(string key, string env) => section[key] ?? Environment.GetEnvironmentVariable(env);
        var listen = Get("Listen", "IVR_ARI_LISTEN") ?? "http://127.0.0.1:8765/ari-ows";
        if (!Uri.TryCreate(listen, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath == "/")
            throw new InvalidOperationException(
                $"Ari:Listen '{listen}' is not an http(s) URL with a path such as http://0.0.0.0:8765/ari-ows (Asterisk's websocket_client.conf uri, with ws:// for http://).");
        return new OutboundAriSettings(mode, uri, Get("User", "IVR_ARI_USER") ?? "ivr", Get("Password", "IVR_ARI_PASSWORD") ?? "ivr",
            Get("Application", "IVR_ARI_APP") ?? "ivr");
    }
}
