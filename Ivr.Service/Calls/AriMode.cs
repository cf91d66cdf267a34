namespace Ivr.Service.Calls;

/// <summary>How the service meets Asterisk (configuration <c>Ari:Mode</c>).</summary>
public enum AriMode
{
    /// <summary>The service connects to Asterisk's <c>/ari/events</c> and sends REST over HTTP.</summary>
    Inbound,

    /// <summary>Asterisk 22.4+ keeps one socket to the service per application; events queue in Asterisk while it is down.</summary>
    OutboundPersistent,

    /// <summary>Asterisk 22.4+ opens one socket per call (application <c>app:channel name</c>), so calls spread over instances.</summary>
    OutboundPerCall,
}

/// <summary>Reads <c>Ari:Mode</c> (or IVR_ARI_MODE): <c>inbound</c> (default), <c>outbound-persistent</c> or <c>outbound-per-call</c>.</summary>
public static class AriModes
{
    public static AriMode From(IConfiguration config) =>
        (config["Ari:Mode"] ?? Environment.GetEnvironmentVariable("IVR_ARI_MODE") ?? "inbound").Trim().ToLowerInvariant() switch
        {
            "inbound" => AriMode.Inbound,
            "outbound-persistent" => AriMode.OutboundPersistent,
            "outbound-per-call" => AriMode.OutboundPerCall,
            var other => throw new InvalidOperationException(
                $"Ari:Mode '{other}' is not a mode: use inbound, outbound-persistent or outbound-per-call (see docs/deploy.md)."),
        };
}
