using Ivr.Ari.Events;
using Ivr.Ari.Models;

namespace Ivr.Ari.Handles;

/// <summary>A live recording; <see cref="AriHandle{TResult}.Completion"/> completes on RecordingFinished or RecordingFailed.</summary>
public sealed class RecordingHandle : AriHandle<RecordingResult>
{
    internal RecordingHandle(string name, AriEventKey target) : base(target) => Name = name;

    /// <summary>The recording name (also the stored recording's name once done).</summary>
    public string Name { get; }

    /// <summary>The REST answer (state <c>queued</c>); set once the request returned.</summary>
    public LiveRecording? Recording { get; internal set; }

    internal override bool Observe(Message message) => message switch
    {
        RecordingFinished f => Complete(new RecordingResult(AriHandleOutcome.Done, f.Recording)),
        RecordingFailed f => Complete(new RecordingResult(AriHandleOutcome.Failed, f.Recording)),
        _ => false,
    };

    internal override RecordingResult ChannelGone(Message cause) => new(AriHandleOutcome.ChannelGone, null);

    internal override RecordingResult ConnectionLost() => new(AriHandleOutcome.ConnectionLost, null);
}

/// <summary>How a recording ended (duration and cause are in <see cref="Recording"/> when an event reported it).</summary>
public sealed record RecordingResult(AriHandleOutcome Outcome, LiveRecording? Recording);
