using Ivr.Ari.Models;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Channels;

/// <summary>
/// How channels end, in the per-channel event order of the traces (variables, bridge-seat, originate-failures):
/// the hung-up leg first, its Local peer hearing a plain hangup request before the first leg is destroyed.
/// </summary>
internal sealed class HangupSequence(Pbx pbx)
{
    /// <summary>A hangup requested from outside the dialplan (REST DELETE, the caller hanging up, shutdown).</summary>
    public void Request(SimChannel channel, int requestCause, bool soft, int cause)
    {
        if (channel.HangingUp) return;
        channel.HangingUp = true;
        pbx.ChannelEvents.HangupRequest(channel, requestCause, soft);
        EndPair(channel, cause, cause);
    }

    /// <summary>The channel's own dialplan hangs it up (Hangup(), Busy(), end of the extension).</summary>
    public void FromDialplan(SimChannel channel, int cause)
    {
        if (channel.HangingUp) return;
        channel.HangingUp = true;
        EndPair(channel, cause, cause);
    }

    /// <summary>Ends <paramref name="first"/> and then its Local peer, telling the peer in between.</summary>
    public void EndPair(SimChannel first, int cause, int peerCause, int peerNotice = HangupCauses.NormalClearing)
    {
        first.HangingUp = true;
        var peer = first.Peer is { Gone: false, HangingUp: false } p ? p : null;
        Finish(first, cause, () =>
        {
            if (peer is null) return;
            peer.HangingUp = true;
            pbx.ChannelEvents.HangupRequest(peer, peerNotice, soft: false);
        });
        if (peer is not null) Finish(peer, peerCause);
    }

    /// <summary>Leaves bridge and app, ends the channel's PBX, and destroys it.</summary>
    public void Finish(SimChannel channel, int cause, Action? beforeDestroy = null)
    {
        if (channel.Gone) return;
        channel.HangingUp = true;
        channel.Pending?.Dispose();
        channel.AnswerTimeout?.Dispose();
        channel.TalkDetector?.Remove();
        pbx.Recorder.ChannelGone(channel);
        if (channel.Bridge is not null) pbx.BridgeOps.Leave(channel, hangup: true);
        pbx.Playbacks.FailAll(channel);
        pbx.ChannelEvents.StasisEnd(channel, "SUCCESS");
        channel.Control.Clear();
        if (channel.IsDialplanLeg) pbx.ChannelEvents.HangupRequest(channel, HangupCauses.NormalClearing, soft: true);
        beforeDestroy?.Invoke();
        pbx.Dialer.PartnerGone(channel);
        (channel.AppName, channel.AppData) = channel.IsOutgoingLeg && !channel.IsCreated ? ("AppDial2", "(Outgoing Line)") : ("", "");
        var callerChanged = false;
        if (channel.Peer is { ConnectedByBridge: true } half && (channel.CallerName, channel.CallerNumber) != (half.ConnectedName, half.ConnectedNumber))
        {
            // The Local pair's connected-line update reaches this half's caller id only as it is torn down, and is
            // reported after ChannelDestroyed (bridge-seat trace).
            channel.CallerName = half.ConnectedName;
            channel.CallerNumber = half.ConnectedNumber;
            callerChanged = true;
        }
        pbx.ChannelEvents.Destroyed(channel, cause);
        if (callerChanged) pbx.ChannelEvents.CallerId(channel);
        Remove(channel, cause);
    }

    /// <summary>Destroys a channel that never ran anything (missing extension or context): only ChannelDestroyed.</summary>
    public void Discard(SimChannel channel, int cause)
    {
        channel.HangingUp = true;
        channel.AnswerTimeout?.Dispose();
        pbx.ChannelEvents.Destroyed(channel, cause);
        Remove(channel, cause);
    }

    void Remove(SimChannel channel, int cause)
    {
        channel.Gone = true;
        pbx.Channels.Remove(channel.Id);
        channel.Ear?.Set(Heard.Silence);
        foreach (var other in new[] { channel.Peer, channel.DialPartner, channel.DialedBy })
            if (other is { Gone: false }) pbx.Audio.Update(other);
        var apps = channel.Subscribers.Keys.ToList();
        channel.Subscribers.Clear();
        foreach (var name in apps)
            if (pbx.Apps.Find(name) is { } app) pbx.Apps.RemoveIfUnused(app);
        pbx.CallEnded(channel, cause);
    }
}
