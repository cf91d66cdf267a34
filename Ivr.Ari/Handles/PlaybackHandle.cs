using Ivr.Ari.Events;
using Ivr.Ari.Models;

namespace Ivr.Ari.Handles;

/// <summary>A playback started with a client-chosen id; <see cref="AriHandle{TResult}.Completion"/> completes on PlaybackFinished.</summary>
public sealed class PlaybackHandle : AriHandle<PlaybackResult>
{
    readonly TaskCompletionSource<Playback> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal PlaybackHandle(string id, AriEventKey target) : base(target) => Id = id;

    /// <summary>The playback id, generated before the request was sent.</summary>
    public string Id { get; }

    /// <summary>The REST answer (state <c>queued</c>); set once the request returned.</summary>
    public Playback? Playback { get; internal set; }

    /// <summary>Completes on PlaybackStarted (or with the end, if the playback never started).</summary>
    public Task<Playback> Started => _started.Task;

    /// <summary>Same as <see cref="AriHandle{TResult}.Completion"/>: the PlaybackFinished outcome.</summary>
    public Task<PlaybackResult> Finished => Completion;

    internal override bool Observe(Message message)
    {
        switch (message)
        {
            case PlaybackStarted s:
                _started.TrySetResult(s.Playback);
                return false;
            case PlaybackFinished f:
                _started.TrySetResult(f.Playback);
                return Complete(new PlaybackResult(f.Playback.State == "failed" ? AriHandleOutcome.Failed : AriHandleOutcome.Done, f.Playback));
            default:
                return false;
        }
    }

    internal override PlaybackResult ChannelGone(Message cause) => End(new PlaybackResult(AriHandleOutcome.ChannelGone, null));

    internal override PlaybackResult ConnectionLost() => End(new PlaybackResult(AriHandleOutcome.ConnectionLost, null));

    PlaybackResult End(PlaybackResult result)
    {
        _started.TrySetCanceled();
        return result;
    }
}

/// <summary>How a playback ended, with Asterisk's last view of it when an event reported the end.</summary>
public sealed record PlaybackResult(AriHandleOutcome Outcome, Playback? Playback);
