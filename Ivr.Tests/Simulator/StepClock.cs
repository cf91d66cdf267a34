namespace Ivr.Tests.Simulator;

/// <summary>
/// A clock for the simulator whose timers fire only when the test moves time: on time, each at its own due instant
/// (<see cref="Advance"/>), or late, as on a machine that stalled (<see cref="Stall"/>): time jumps first, then every
/// timer due by then fires at that late instant, earliest due first, and a timer one of them sets for a moment
/// already past is due at the late instant too. Timers run on the caller's thread.
/// </summary>
public sealed class StepClock(DateTimeOffset start) : TimeProvider
{
    readonly object gate = new();
    readonly List<StepTimer> timers = [];
    DateTimeOffset now = start;
    long created;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new StepTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward by <paramref name="by"/>, firing each timer when its due instant is reached.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset until;
        lock (gate) until = now + by;
        while (NextDue(until) is { } timer)
        {
            lock (gate) now = timer.Due > now ? timer.Due : now;
            timer.Fire();
        }
        lock (gate) now = until;
    }

    /// <summary>The machine stalls for <paramref name="by"/>: nothing fires until time has moved, then every due timer fires late.</summary>
    public void Stall(TimeSpan by)
    {
        DateTimeOffset until;
        lock (gate) until = now += by;
        while (NextDue(until) is { } timer) timer.Fire();
    }

    StepTimer? NextDue(DateTimeOffset until)
    {
        lock (gate)
        {
            var due = timers.Where(t => t.Due <= until).OrderBy(t => t.Due).ThenBy(t => t.Order).FirstOrDefault();
            if (due is not null) timers.Remove(due);
            return due;
        }
    }

    sealed class StepTimer(StepClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; private set; }
        public long Order { get; private set; }
        TimeSpan period = Timeout.InfiniteTimeSpan;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                clock.timers.Remove(this);
                this.period = period;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                Due = clock.now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                Order = clock.created++;
                clock.timers.Add(this);
            }
            return true;
        }

        public void Fire()
        {
            if (period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan) Change(period, period);
            callback(state);
        }

        public void Dispose()
        {
            lock (clock.gate) clock.timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
