using Ivr.Ari.Models;
using Ivr.Simulator.Bridges;
using Ivr.Simulator.Channels;

namespace Ivr.Simulator.Media;

/// <summary>One playback: a list of media URIs played in turn on a channel or bridge.</summary>
internal sealed class SimPlayback(string id, IReadOnlyList<string> media, string language, SimChannel? channel, SimBridge? bridge)
{
    public string Id { get; } = id;
    public IReadOnlyList<string> Media { get; } = media;
    public string Language { get; } = language;
    public SimChannel? Channel { get; } = channel;
    public SimBridge? Bridge { get; } = bridge;
    public int Index { get; set; }
    public string State { get; set; } = "queued";
    public IDisposable? Timer { get; set; }
    public bool Ended { get; set; }

    /// <summary>When the current item started (real clock, shifted by skips) and how long it lasts in simulated time.</summary>
    public DateTimeOffset ItemStarted { get; set; }
    public TimeSpan ItemLength { get; set; }
    public TimeSpan PausedRemaining { get; set; }

    public string TargetUri => Channel is not null ? "channel:" + Channel.Id : "bridge:" + Bridge!.Id;

    public Playback Snapshot() => new()
    {
        Id = Id,
        MediaUri = Media[Index],
        NextMediaUri = Index + 1 < Media.Count ? Media[Index + 1] : null,
        TargetUri = TargetUri,
        Language = Language,
        State = State,
    };
}
