using Ivr.Ari.Models;
using Ivr.Simulator.Channels;

namespace Ivr.Simulator.Recordings;

/// <summary>A live recording of what a channel hears.</summary>
internal sealed class SimRecording(string name, string format, SimChannel channel, DateTimeOffset started)
{
    public string Name { get; } = name;
    public string Format { get; } = format;
    public SimChannel Channel { get; } = channel;
    public DateTimeOffset Started { get; } = started;
    public string State { get; set; } = "recording";
    public TimeSpan? MaxDuration { get; init; }
    public TimeSpan? MaxSilence { get; init; }
    public string TerminateOn { get; init; } = "none";

    /// <summary>Timers: the duration limit, and the silence / no-frames watch.</summary>
    public IDisposable? Limit { get; set; }
    public IDisposable? Watch { get; set; }

    /// <summary>Simulated offsets at which what was heard changed, for the WAV and the frame count.</summary>
    public List<(TimeSpan At, Media.Sending Heard)> Timeline { get; } = [];

    public LiveRecording Snapshot(int? duration = null) => new()
    {
        Name = Name,
        Format = Format,
        State = State,
        TargetUri = "channel:" + Channel.Id,
        Duration = duration,
    };
}
