using Ivr.Ari.Models;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Channels;

/// <summary>The channel events Asterisk sends, each to the apps subscribed to that channel at that moment.</summary>
internal sealed class ChannelEvents(Pbx pbx)
{
    public void Publish(SimChannel channel, Event e) => pbx.Events.Publish(e, channel.Subscribers.Keys);

    public void Varset(SimChannel channel, string variable, string value) =>
        Publish(channel, new ChannelVarset { Channel = channel.Snapshot(), Variable = variable, Value = value });

    public void SetState(SimChannel channel, string state)
    {
        if (channel.State == state) return;
        channel.State = state;
        Publish(channel, new ChannelStateChange { Channel = channel.Snapshot() });
    }

    public void DialplanApp(SimChannel channel, string app, string data)
    {
        channel.AppName = app;
        channel.AppData = data;
        Publish(channel, new ChannelDialplan { Channel = channel.Snapshot(), DialplanApp = app, DialplanAppData = data });
    }

    public void HangupRequest(SimChannel channel, int cause, bool soft) =>
        Publish(channel, new ChannelHangupRequest { Channel = channel.Snapshot(), Cause = cause, Soft = soft ? true : null });

    public void CallerId(SimChannel channel) =>
        Publish(channel, new ChannelCallerId { Channel = channel.Snapshot(), CallerPresentation = 0, CallerPresentationTxt = "Presentation Allowed, Not Screened" });

    public void ConnectedLine(SimChannel channel) => Publish(channel, new ChannelConnectedLine { Channel = channel.Snapshot() });

    public void Destroyed(SimChannel channel, int cause) =>
        Publish(channel, new ChannelDestroyed { Channel = channel.Snapshot(), Cause = cause, CauseTxt = HangupCauses.Text(cause) });

    /// <summary>A Dial event about <paramref name="peer"/> (the dialled channel); Asterisk sends no caller object for Local dials.</summary>
    public void Dial(SimChannel peer, string status, string dialstring) =>
        Publish(peer, new Dial { Peer = peer.Snapshot(), Dialstatus = status, Forward = "", Dialstring = dialstring });

    /// <summary>Puts a channel into an app: STASISSTATUS cleared, subscribed, StasisStart.</summary>
    public void StasisStart(SimChannel channel, string app, IReadOnlyList<string> args)
    {
        channel.AppName = "Stasis";
        channel.AppData = args.Count == 0 ? app : app + "," + string.Join(',', args);
        Varset(channel, "STASISSTATUS", "");
        channel.StasisApp = app;
        channel.Subscribe(app);
        pbx.Events.Publish(new StasisStart { Channel = channel.Snapshot(), Args = args }, [app]);
    }

    /// <summary>Takes a channel out of its app: StasisEnd goes to the app, which then stops hearing about the channel.</summary>
    public void StasisEnd(SimChannel channel, string status, bool reportStatusLater = false)
    {
        if (channel.StasisApp is not { } app)
        {
            if (channel.PendingStasisStatus is { } later) Varset(channel, "STASISSTATUS", later);
            channel.PendingStasisStatus = null;
            return;
        }
        pbx.Events.Publish(new StasisEnd { Channel = channel.Snapshot() }, [app]);
        channel.StasisApp = null;
        channel.Unsubscribe(app);
        if (reportStatusLater) channel.PendingStasisStatus = status;
        else Varset(channel, "STASISSTATUS", status);
        if (pbx.Apps.Find(app) is not { } a) return;
        a.OnChannelLeft?.Invoke();
        a.OnChannelLeft = null;
        pbx.Apps.RemoveIfUnused(a);
    }
}
