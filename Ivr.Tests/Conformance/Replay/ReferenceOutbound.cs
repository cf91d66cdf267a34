using Ivr.Simulator;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>
/// The outbound websocket configuration of the traces' README (websocket_client.conf + ari.conf), pointed at
/// the replay's test server instead of 127.0.0.1:8765.
/// </summary>
public static class ReferenceOutbound
{
    const string PersistentPath = "/ari-ows";
    const string PerCallPath = "/ari-per-call";

    public static bool IsPersistentPath(string path) => path == PersistentPath;

    public static IReadOnlyList<OutboundWebSocketConfig> Config(int port) =>
    [
        Client(port, "ivr-ows", PersistentPath + "?instance=ref1", OutboundConnectionType.Persistent, reconnectMs: 1000, attempts: 4),
        Client(port, "ivr-pc", PerCallPath, OutboundConnectionType.PerCall, reconnectMs: 500, attempts: 2),
    ];

    /// <summary>Both sections share user, password and connection_timeout = 500.</summary>
    static OutboundWebSocketConfig Client(int port, string app, string pathAndQuery, OutboundConnectionType type, int reconnectMs, int attempts) => new()
    {
        App = app,
        Uri = new Uri($"ws://127.0.0.1:{port}{pathAndQuery}"),
        ConnectionType = type,
        Username = "owsuser",
        Password = "owspass",
        ConnectionTimeout = TimeSpan.FromMilliseconds(500),
        ReconnectInterval = TimeSpan.FromMilliseconds(reconnectMs),
        ReconnectAttempts = attempts,
    };
}
