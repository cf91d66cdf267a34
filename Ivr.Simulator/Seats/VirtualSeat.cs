using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

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

    internal VirtualSeat(Pbx pbx, string name, SeatBehavior behavior)
    {
        this.pbx = pbx;
        Name = name;
        Behavior = behavior;
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
        return task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
    }

    /// <summary>The agent hangs up.</summary>
    public Task HangUpAsync()
    {
        lock (pbx.Gate)
            if (ChannelId is { } id && pbx.FindChannel(id) is { } ch)
                pbx.Hangups.Request(ch, HangupCauses.NormalClearing, soft: false, HangupCauses.NormalClearing);
        return Task.CompletedTask;
    }

    internal void Answered(string channelId)
    {
        ChannelId = channelId;
        if (waiters.Count > 0)
        {
            var w = waiters[0];
            waiters.RemoveAt(0);
            w.TrySetResult(channelId);
        }
        else answered.Enqueue(channelId);
    }
}
