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
        new()
        {
            App = "ivr-ows",
            Uri = new Uri($"ws://127.0.0.1:{port}{PersistentPath}?instance=ref1"),
            ConnectionType = OutboundConnectionType.Persistent,
            Username = "owsuser",
            Password = "owspass",
            ConnectionTimeout = TimeSpan.FromMilliseconds(500),
            ReconnectInterval = TimeSpan.FromMilliseconds(1000),
            ReconnectAttempts = 4,
        },
        new()
        {
            App = "ivr-pc",
            Uri = new Uri($"ws://127.0.0.1:{port}{PerCallPath}"),
            ConnectionType = OutboundConnectionType.PerCall,
            Username = "owsuser",
            Password = "owspass",
            ConnectionTimeout = TimeSpan.FromMilliseconds(500),
            ReconnectInterval = TimeSpan.FromMilliseconds(500),
            ReconnectAttempts = 2,
        },
    ];
}
