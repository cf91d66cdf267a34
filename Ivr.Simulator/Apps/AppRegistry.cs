using Ivr.Ari.Models;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Apps;

/// <summary>The Stasis applications and who gets their events, with Asterisk's newest-socket-wins rules (ws-reconnect trace).</summary>
internal sealed class AppRegistry(Pbx pbx)
{
    readonly Dictionary<string, StasisApp> apps = new(StringComparer.Ordinal);

    public IEnumerable<StasisApp> All => apps.Values.OrderBy(a => a.Name, StringComparer.Ordinal);

    public StasisApp? Find(string name) => apps.GetValueOrDefault(name);

    /// <summary>
    /// Apps that GET /applications shows. An outbound app hijacked by an inbound socket stays deactivated (so later
    /// calls still fail), but once it has no channels Asterisk no longer lists it (outbound-websocket trace).
    /// </summary>
    public IEnumerable<StasisApp> Listed => All.Where(IsListed);

    public bool IsListed(StasisApp app) => !app.Hijacked || pbx.HasChannelsSubscribedTo(app.Name);

    public StasisApp GetOrCreate(string name)
    {
        if (!apps.TryGetValue(name, out var app)) apps[name] = app = new StasisApp(name);
        return app;
    }

    /// <summary>A socket subscribes to <paramref name="names"/>; a socket already serving one of them is told it was replaced.</summary>
    public void Connect(IEventSink sink, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            var app = GetOrCreate(name);
            var previous = app.Active;
            if (previous is not null && previous != sink)
                previous.Send(AriJsonWriter.Message(pbx.Events.Stamp(new ApplicationReplaced(), name)));
            else if (previous is null && app.Outbound is { } outbound && outbound != sink)
                outbound.Send(AriJsonWriter.Message(pbx.Events.Stamp(new ApplicationReplaced(), name)));
            if (app.Outbound is not null && app.Outbound != sink) app.OutboundReplaced = true;
            app.Active = sink;
            if (!app.Sockets.Contains(sink)) app.Sockets.Add(sink);
        }
    }

    /// <summary>A socket went away; an app left with no socket and no channels ceases to exist.</summary>
    public void Disconnect(IEventSink sink)
    {
        foreach (var app in apps.Values.ToList())
        {
            if (!app.Sockets.Remove(sink)) continue;
            if (app.Active != sink) continue;
            app.Active = null;
            if (app.OutboundReplaced) app.Hijacked = true;
            RemoveIfUnused(app);
        }
    }

    /// <summary>Drops an app whose active socket is gone and that no channel is subscribed to; replaced sockets do not keep it.</summary>
    public void RemoveIfUnused(StasisApp app)
    {
        if (app.Active is null && app.Outbound is null && !pbx.HasChannelsSubscribedTo(app.Name))
            apps.Remove(app.Name);
    }

    /// <summary>Sends a frame to the app's active socket, or to its outbound queue; an inactive app misses it, as Asterisk logs.</summary>
    public void Deliver(string appName, byte[] frame)
    {
        if (apps.TryGetValue(appName, out var app) is false || app.Hijacked) return;
        if (app.Active is { } sink) sink.Send(frame);
        else app.Outbound?.Send(frame);
    }

    public void Clear() => apps.Clear();
}
