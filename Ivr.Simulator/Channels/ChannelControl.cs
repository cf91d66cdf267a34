namespace Ivr.Simulator.Channels;

/// <summary>
/// A channel's command queue: Asterisk runs a channel's control commands one at a time on the channel's
/// thread, so a playback, or DTMF the channel is sending, holds back later plays, MOH, DTMF and variable sets until it ends.
/// </summary>
internal sealed class ChannelControl
{
    readonly Queue<(Action Run, Action? Dropped)> waiting = new();

    /// <summary>The command holding the queue (a playback), or null when commands run at once.</summary>
    public object? Busy { get; private set; }

    /// <summary>Runs <paramref name="command"/> now if nothing holds the queue, else after what is ahead of it; <paramref name="dropped"/> runs if the channel goes first.</summary>
    public void Enqueue(Action command, Action? dropped = null)
    {
        if (Busy is null && waiting.Count == 0) command();
        else waiting.Enqueue((command, dropped));
    }

    /// <summary>Marks the queue held by <paramref name="holder"/> until <see cref="Release"/>.</summary>
    public void Hold(object holder) => Busy = holder;

    /// <summary>Frees the queue if <paramref name="holder"/> holds it, and runs what waited until something holds it again.</summary>
    public void Release(object holder)
    {
        if (!ReferenceEquals(Busy, holder)) return;
        Busy = null;
        while (Busy is null && waiting.TryDequeue(out var next)) next.Run();
    }

    /// <summary>The channel is gone: waiting commands are dropped and their requesters told.</summary>
    public void Clear()
    {
        Busy = null;
        while (waiting.TryDequeue(out var next)) next.Dropped?.Invoke();
    }
}
