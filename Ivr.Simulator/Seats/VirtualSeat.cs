using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;
using Ivr.Simulator.Media;

namespace Ivr.Simulator.Seats;

/// <summary>
/// A virtual agent phone registered as <c>PJSIP/&lt;name&gt;</c>: dial targets reach it, it rings and answers
/// as its <see cref="SeatBehavior"/> says, and a test can make it hang up.
/// </summary>
public sealed class VirtualSeat
{
    readonly Pbx pbx;
    readonly List<TaskCompletionSource<string>> waiters = [];
    readonly Queue<string> answered = new();
    static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    internal VirtualSeat(Pbx pbx, string name, SeatBehavior behavior)
    {
        this.pbx = pbx;
        Name = name;
        Behavior = behavior;
        Ear = new Ear(pbx.Gate, "seat " + name);
    }

    /// <summary>What the agent hears in the answered call (silence between calls), and waits for it.</summary>
    public Ear Ear { get; }

    /// <summary>What the agent hears now.</summary>
    public Heard Hearing => Ear.Now;

    /// <summary>The agent talks for <paramref name="length"/>, then is silent again; completes then.</summary>
    public Task SayAsync(TimeSpan length)
    {
        lock (pbx.Gate)
        {
            if (ChannelId is not { } id || pbx.FindChannel(id) is not { } ch) throw new InvalidOperationException($"seat {Name} is not in a call");
            return pbx.Audio.Speak(ch, length);
        }
    }

    /// <summary>The endpoint resource: <c>PJSIP/&lt;Name&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>Change it between calls, e.g. to make the seat busy.</summary>
    public SeatBehavior Behavior { get; set; }

    /// <summary>The seat's channel in the current call, if it is in one.</summary>
    public string? ChannelId { get; internal set; }

    /// <summary>Waits until the seat answers a call; returns the seat channel's id.</summary>
    public Task<string> WaitForAnswerAsync(TimeSpan? timeout = null)
    {
        Task<string> task;
        lock (pbx.Gate)
        {
            if (answered.TryDequeue(out var id)) return Task.FromResult(id);
            var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add(tcs);
            task = tcs.Task;
        }
        return task.WaitAsync(timeout ?? DefaultWait);
    }

    /// <summary>The agent hangs up.</summary>
    public Task HangUpAsync()
    {
        lock (pbx.Gate)
            if (ChannelId is { } id && pbx.FindChannel(id) is { } ch)
                pbx.Hangups.Request(ch, HangupCauses.NormalClearing, soft: false, HangupCauses.NormalClearing);
        return Task.CompletedTask;
    }

    internal void Answered(SimChannel ch)
    {
        var channelId = ch.Id;
        // The agent listens to the newest call only: an older one ending later must not silence it.
        if (ChannelId is { } previous && pbx.FindChannel(previous) is { } old) old.Ear = null;
        ChannelId = channelId;
        ch.Ear = Ear;
        Ear.Set(AudioFlow.HeardBy(ch).ToHeard());
        if (waiters.Count > 0)
        {
            var w = waiters[0];
            waiters.RemoveAt(0);
            w.TrySetResult(channelId);
        }
        else answered.Enqueue(channelId);
    }
}
