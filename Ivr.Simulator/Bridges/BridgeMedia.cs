using Ivr.Simulator.Core;

namespace Ivr.Simulator.Bridges;

/// <summary>Bridge MOH and announcements through the hidden announcer channel (one slot in a holding bridge).</summary>
internal static class BridgeMedia
{
    /// <summary>POST /bridges/{id}/moh: a holding bridge whose slot is taken by an announcement silently plays nothing.</summary>
    public static void StartMoh(Pbx pbx, SimBridge bridge, string mohClass)
    {
        if (bridge.Announcement is not null && bridge.Type == "holding") return;
        if (bridge.MohClass is not null) return;
        bridge.MohClass = mohClass;
        bridge.AnnouncerName = $"Announcer/ARI_MOH-{pbx.NewLocalSuffix()};2";
        pbx.BridgeOps.UpdatePeers(bridge);
        pbx.Audio.Update(bridge);
    }

    public static void StopMoh(Pbx pbx, SimBridge bridge)
    {
        if (bridge.MohClass is null) return;
        bridge.MohClass = null;
        bridge.AnnouncerName = null;
        pbx.BridgeOps.UpdatePeers(bridge);
        pbx.Audio.Update(bridge);
    }

    public static void StopAnnouncer(SimBridge bridge)
    {
        bridge.MohClass = null;
        bridge.AnnouncerName = null;
    }
}
