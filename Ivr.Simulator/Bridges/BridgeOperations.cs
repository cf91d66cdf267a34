using Ivr.Ari.Models;
using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Bridges;

/// <summary>
/// Bridge membership and its events. Bridge events go only to apps subscribed to the bridge: an app becomes
/// subscribed when one of its Stasis channels is added, and unsubscribed when it is removed over REST (holding-queue trace).
/// </summary>
internal sealed class BridgeOperations(Pbx pbx)
{
    public IEnumerable<string> Subscribers(SimBridge bridge) =>
        pbx.Apps.All.Where(a => a.BridgeIds.Contains(bridge.Id)).Select(a => a.Name).ToList();

    public SimBridge Create(string? id, string type, string name)
    {
        var bridge = new SimBridge(id ?? Guid.NewGuid().ToString(), type, name, pbx.Clock.Now);
        pbx.Bridges[bridge.Id] = bridge;
        return bridge;
    }

    public void Add(SimBridge bridge, SimChannel ch, string role)
    {
        if (ch.Bridge == bridge) return;
        if (ch.Bridge is not null) Leave(ch, hangup: false);
        bridge.Members.Add((ch, role));
        ch.Bridge = bridge;
        ch.BridgeRole = role;
        if (ch.StasisApp is { } app) pbx.Apps.GetOrCreate(app).BridgeIds.Add(bridge.Id);
        pbx.Events.Publish(new ChannelEnteredBridge { Bridge = bridge.Snapshot(), Channel = ch.Snapshot() }, Subscribers(bridge));
        UpdatePeers(bridge);
        pbx.Audio.MembershipChanged(bridge, ch);
    }

    /// <summary>Takes a channel out of its bridge; removal over REST also ends its app's subscription to the bridge.</summary>
    public void Leave(SimChannel ch, bool hangup)
    {
        if (ch.Bridge is not { } bridge) return;
        if (ch.Variables.GetValueOrDefault("BRIDGEPEER") is { Length: > 0 })
        {
            ch.Variables["BRIDGEPEER"] = "";
            pbx.ChannelEvents.Varset(ch, "BRIDGEPEER", "");
        }
        bridge.Members.RemoveAll(m => m.Channel == ch);
        ch.Bridge = null;
        pbx.Events.Publish(new ChannelLeftBridge { Bridge = bridge.Snapshot(), Channel = ch.Snapshot() }, Subscribers(bridge));
        if (!hangup && ch.StasisApp is { } app) pbx.Apps.Find(app)?.BridgeIds.Remove(bridge.Id);
        if (bridge.Members.Count == 0) BridgeMedia.StopAnnouncer(bridge);
        UpdatePeers(bridge);
        pbx.Audio.MembershipChanged(bridge, ch);
        ch.BridgeRole = "";
    }

    /// <summary>DELETE /bridges/{id}: members are pushed out, then BridgeDestroyed goes to whoever is still subscribed.</summary>
    public void Destroy(SimBridge bridge)
    {
        foreach (var (ch, _) in bridge.Members.ToList()) Leave(ch, hangup: false);
        BridgeMedia.StopAnnouncer(bridge);
        pbx.Bridges.Remove(bridge.Id);
        pbx.Events.Publish(new BridgeDestroyed { Bridge = bridge.Snapshot() }, Subscribers(bridge));
        foreach (var app in pbx.Apps.All) app.BridgeIds.Remove(bridge.Id);
    }

    /// <summary>
    /// Keeps each member's BRIDGEPEER (the other members and the announcer) as Asterisk sets it, and, when exactly
    /// two parties are left, each one's connected line to the other's caller id (the announcer has none).
    /// </summary>
    public void UpdatePeers(SimBridge bridge)
    {
        if (bridge.Type != "mixing") return;
        foreach (var (ch, _) in bridge.Members)
        {
            var peers = bridge.Members.Where(m => m.Channel != ch).Select(m => m.Channel.Name).ToList();
            if (bridge.AnnouncerName is { } a) peers.Add(a);
            var value = string.Join(',', peers);
            // A member left alone keeps its old BRIDGEPEER until it leaves itself (bridge-seat trace).
            if (value.Length == 0 || ch.Variables.GetValueOrDefault("BRIDGEPEER", "") == value) continue;
            ch.Variables["BRIDGEPEER"] = value;
            pbx.ChannelEvents.Varset(ch, "BRIDGEPEER", value);
        }
        var parties = bridge.Members.Count + (bridge.AnnouncerName is null ? 0 : 1);
        if (parties != 2) return;
        foreach (var (ch, _) in bridge.Members)
        {
            var other = bridge.Members.FirstOrDefault(m => m.Channel != ch).Channel;
            var (name, number) = other is null ? ("", "") : (other.CallerName, other.CallerNumber);
            if (ch.ConnectedName == name && ch.ConnectedNumber == number) continue;
            ch.ConnectedName = name;
            ch.ConnectedNumber = number;
            ch.ConnectedByBridge = true;
            pbx.ChannelEvents.ConnectedLine(ch);
        }
    }
}
