using Ivr.Ari.Events;
using Ivr.Ari.Models;

namespace Ivr.Ari.Handles;

/// <summary>
/// Something started over REST whose end arrives as events. It is registered before the request is sent, so an event
/// that overtakes the REST response (Asterisk often sends PlaybackStarted first) still reaches it.
/// </summary>
public abstract class AriHandle<TResult> : IAriHandle
{
    readonly TaskCompletionSource<TResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected AriHandle(AriEventKey target) => Target = target;

    /// <summary>The channel or bridge this runs on; when that channel leaves the application the handle ends.</summary>
    public AriEventKey Target { get; }

    /// <summary>Completes once with the outcome; never faults (a failed REST request throws from the start call instead).</summary>
    public Task<TResult> Completion => _done.Task;

    /// <summary>Whether <see cref="Completion"/> has an outcome.</summary>
    public bool IsCompleted => _done.Task.IsCompleted;

    internal bool Complete(TResult result) => _done.TrySetResult(result);

    /// <summary>Feeds one event about this handle; returns true when it ended the handle.</summary>
    internal abstract bool Observe(Message message);

    /// <summary>The target channel left the application (StasisEnd or ChannelDestroyed) before the handle's own end.</summary>
    internal abstract TResult ChannelGone(Message cause);

    /// <summary>The event connection dropped: events in the gap are lost (Asterisk does not queue them), so the end may never come.</summary>
    internal abstract TResult ConnectionLost();

    bool IAriHandle.Observe(Message message) => Observe(message);

    void IAriHandle.EndChannelGone(Message cause) => Complete(ChannelGone(cause));

    void IAriHandle.EndConnectionLost() => Complete(ConnectionLost());
}

/// <summary>What the registry needs of any handle, whatever its result type.</summary>
internal interface IAriHandle
{
    AriEventKey Target { get; }

    bool IsCompleted { get; }

    bool Observe(Message message);

    void EndChannelGone(Message cause);

    void EndConnectionLost();
}
