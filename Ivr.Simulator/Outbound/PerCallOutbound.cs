using Ivr.Ari.Models;
using Ivr.Simulator.Apps;
using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Outbound;

/// <summary>
/// A per-call outbound websocket: <c>Stasis(app)</c> opens a connection for that channel, registers the app
/// <c>&lt;app&gt;:&lt;channel name&gt;</c>, starts the channel ~0.5 s later, and closes with 1000 ~3.5 s after StasisEnd.
/// </summary>
internal sealed class PerCallOutbound(OutboundConnection connection) : IEventSink
{
    /// <summary>Stasis() polls every 500 ms whether the per-call connection is up.</summary>
    static readonly TimeSpan StartDelay = TimeSpan.FromMilliseconds(500);
    static readonly TimeSpan CloseDelay = TimeSpan.FromMilliseconds(3500);

    public void Send(byte[] frame) => connection.Send(frame);

    /// <summary>Connects for <paramref name="ch"/>; on failure Stasis() fails (STASISSTATUS=FAILED) and the dialplan goes on.</summary>
    public static void Enter(Pbx pbx, SimChannel ch, OutboundWebSocketConfig config, IReadOnlyList<string> args, RestOverSocket rest)
    {
        var name = $"{config.App}:{ch.Name}";
        _ = Task.Run(async () =>
        {
            OutboundConnection? connected = null;
            for (var attempt = 0; attempt < Math.Max(1, config.ReconnectAttempts) && connected is null; attempt++)
            {
                var c = new OutboundConnection(config, rest, () => name);
                if (await c.ConnectAsync()) connected = c;
                else
                {
                    await c.DisposeAsync();
                    await Task.Delay(pbx.Clock.Real(config.ReconnectInterval));
                }
            }
            pbx.Run(() => Connected(pbx, ch, name, args, connected));
        });
    }

    static void Connected(Pbx pbx, SimChannel ch, string name, IReadOnlyList<string> args, OutboundConnection? connection)
    {
        if (connection is null)
        {
            if (ch.Gone || ch.HangingUp) return;
            pbx.ChannelEvents.Varset(ch, "STASISSTATUS", "");
            pbx.ChannelEvents.Varset(ch, "STASISSTATUS", "FAILED");
            pbx.Runner.Next(ch);
            return;
        }
        if (ch.Gone || ch.HangingUp)
        {
            connection.Abort();
            return;
        }
        var sink = new PerCallOutbound(connection);
        var app = pbx.Apps.GetOrCreate(name);
        app.Active = sink;
        app.Sockets.Add(sink);
        app.OnChannelLeft = () => pbx.Clock.After(CloseDelay, () =>
        {
            // The app is destroyed before the close frame leaves: a GET /applications sent on seeing the close no longer lists it.
            pbx.Run(() => pbx.Apps.Disconnect(sink));
            _ = connection.CloseAsync();
        });
        sink.Send(AriJsonWriter.Message(pbx.Events.Stamp(new ApplicationRegistered(), name)));
        ch.Pending = pbx.Clock.After(StartDelay, () => pbx.Run(() =>
        {
            if (!ch.Gone && !ch.HangingUp) pbx.ChannelEvents.StasisStart(ch, name, args);
        }));
    }
}
