using Ivr.Simulator.Core;

namespace Ivr.Simulator.Outbound;

/// <summary>The outbound websockets of SimulatorOptions, started when Asterisk boots and dropped when it stops.</summary>
internal sealed class OutboundSockets(Pbx pbx, Func<Uri> ariUrl) : IDisposable
{
    readonly List<PersistentOutbound> persistent = [];

    public RestOverSocket Rest { get; } = new(pbx, ariUrl);

    public OutboundWebSocketConfig? PerCall(string app) =>
        pbx.Options.OutboundWebSockets.FirstOrDefault(c => c.ConnectionType == OutboundConnectionType.PerCall && c.App == app);

    /// <summary>Creates the persistent apps (they exist whether or not connected) and starts connecting. Called under the lock.</summary>
    public void Boot()
    {
        foreach (var config in pbx.Options.OutboundWebSockets.Where(c => c.ConnectionType == OutboundConnectionType.Persistent))
        {
            var socket = new PersistentOutbound(config, pbx, Rest);
            pbx.Apps.GetOrCreate(config.App).Outbound = socket;
            persistent.Add(socket);
            socket.Start();
        }
    }

    /// <summary>Called under the lock.</summary>
    public void DropPersistent()
    {
        foreach (var s in persistent) s.Drop();
    }

    public void Stop()
    {
        foreach (var s in persistent) s.Stop();
        persistent.Clear();
    }

    public void Dispose()
    {
        Stop();
        Rest.Dispose();
    }
}
