using Ivr.Ari.Models;
using Ivr.Simulator.Channels;

namespace Ivr.Simulator.Bridges;

/// <summary>A bridge's live state.</summary>
internal sealed class SimBridge(string id, string type, string name, DateTimeOffset created)
{
    public string Id { get; } = id;

    /// <summary><c>mixing</c> or <c>holding</c>.</summary>
    public string Type { get; } = type;
    public string Name { get; } = name;
    public DateTimeOffset Created { get; } = created;

    /// <summary>Members in joining order, with their role.</summary>
    public List<(SimChannel Channel, string Role)> Members { get; } = [];

    /// <summary>A member that joined with role <c>announcer</c>: in a holding bridge, every participant hears it.</summary>
    public SimChannel? AnnouncerMember => Members.FirstOrDefault(m => m.Role == "announcer").Channel;

    /// <summary>The hidden announcer playing bridge MOH or a bridge playback; a holding bridge has one slot.</summary>
    public string? AnnouncerName { get; set; }
    public string? MohClass { get; set; }

    /// <summary>Set while a bridge playback holds the announcer slot.</summary>
    public Media.SimPlayback? Announcement { get; set; }

    /// <summary>What the bridge playback's current item sends (null between items or when it cannot play).</summary>
    public Media.Flow? AnnouncementAudio { get; set; }

    public Bridge Snapshot() => new()
    {
        Id = Id,
        Technology = Type == "holding" ? "holding_bridge" : "simple_bridge",
        BridgeType = Type,
        BridgeClass = "stasis",
        Creator = "Stasis",
        Name = Name,
        Channels = Members.Select(m => m.Channel.Id).ToList(),
        Creationtime = Created,
        VideoMode = "talker",
    };
}
