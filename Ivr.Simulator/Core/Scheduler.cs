namespace Ivr.Simulator.Core;

/// <summary>
/// All simulated time in one place: delays are scaled by the speed factor and run on the shared timer queue,
/// so thousands of calls cost timers, not threads.
/// </summary>
internal sealed class Scheduler(TimeProvider time, double speed)
{
    readonly double speed = speed > 0 ? speed : throw new ArgumentOutOfRangeException(nameof(speed), speed, "SimulatorOptions.Speed must be positive");

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Real time that <paramref name="simulated"/> takes at this speed.</summary>
    public TimeSpan Real(TimeSpan simulated) => simulated <= TimeSpan.Zero ? TimeSpan.Zero : simulated / speed;

    /// <summary>Simulated time that has passed in <paramref name="real"/>.</summary>
    public TimeSpan Simulated(TimeSpan real) => real * speed;

    /// <summary>Runs <paramref name="action"/> after <paramref name="simulated"/>; dispose the result to cancel.</summary>
    public IDisposable After(TimeSpan simulated, Action action)
    {
        var timer = new OneShot(action);
        timer.Start(time, Real(simulated));
        return timer;
    }

    sealed class OneShot(Action action) : IDisposable
    {
        ITimer? timer;
        int state; // 0 pending, 1 fired or cancelled

        public void Start(TimeProvider time, TimeSpan due)
        {
            var t = time.CreateTimer(static s => ((OneShot)s!).Fire(), this, due, Timeout.InfiniteTimeSpan);
            timer = t;
            if (Volatile.Read(ref state) == 1) t.Dispose();
        }

        void Fire()
        {
            if (Interlocked.Exchange(ref state, 1) == 1) return;
            timer?.Dispose();
            action();
        }

        public void Dispose()
        {
            Interlocked.Exchange(ref state, 1);
            timer?.Dispose();
        }
    }
}
