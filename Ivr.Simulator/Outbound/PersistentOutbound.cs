using Ivr.Ari.Models;
using Ivr.Simulator.Apps;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Outbound;

/// <summary>
/// A persistent outbound websocket: the app is active whether or not the socket is up, events queue while it is
/// down, and on (re)connect the queued events go first, then ApplicationRegistered (outbound-websocket trace).
/// </summary>
internal sealed class PersistentOutbound(OutboundWebSocketConfig config, Pbx pbx, RestOverSocket rest) : IEventSink
{
    /// <summary>A server close frame is answered by reconnecting almost at once.</summary>
    static readonly TimeSpan AfterCloseFrame = TimeSpan.FromMilliseconds(2);

    readonly List<byte[]> queued = [];
    OutboundConnection? current;
    volatile bool stopped;

    /// <summary>Called under the simulator's lock.</summary>
    public void Send(byte[] frame)
    {
        if (current is { } c) c.Send(frame);
        else queued.Add(frame);
    }

    public void Start() => _ = Task.Run(LoopAsync);

    async Task LoopAsync()
    {
        while (!stopped)
        {
            var connection = new OutboundConnection(config, rest, () => config.App);
            if (!await connection.ConnectAsync())
            {
                await connection.DisposeAsync();
                await Task.Delay(pbx.Clock.Real(config.ReconnectInterval));
                continue;
            }
            lock (pbx.Gate)
            {
                if (stopped)
                {
                    connection.Abort();
                    return;
                }
                current = connection;
                foreach (var frame in queued) connection.Send(frame);
                queued.Clear();
                connection.Send(AriJsonWriter.Message(pbx.Events.Stamp(new ApplicationRegistered(), config.App)));
            }
            var closedWithFrame = await connection.Ended.Task;
            lock (pbx.Gate) current = null;
            await connection.DisposeAsync();
            if (!stopped) await Task.Delay(closedWithFrame ? AfterCloseFrame : pbx.Clock.Real(config.ReconnectInterval));
        }
    }

    /// <summary>
    /// The network drops the socket (no close frame) while Asterisk runs on: events queue from now on and go first once
    /// Asterisk has reconnected after its reconnect interval.
    /// </summary>
    public void Drop()
    {
        lock (pbx.Gate)
        {
            current?.Abort();
            current = null;
        }
    }

    /// <summary>Asterisk stops: the socket is dropped without a close frame and not retried.</summary>
    public void Stop()
    {
        stopped = true;
        lock (pbx.Gate) current?.Abort();
    }
}
