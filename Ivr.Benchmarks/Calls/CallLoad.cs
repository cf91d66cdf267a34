using System.Diagnostics;
using Ivr.Simulator;

namespace Ivr.Benchmarks.Calls;

/// <summary>
/// Keeps a number of invoice-checking callers on the line: starts the first ones over a ramp, replaces each caller that
/// hangs up by a new one until the segment's calls have all started, then lets them finish.
/// </summary>
public sealed class CallLoad(AsteriskSimulator sim, ServiceProcess service, CallerPace pace, TimeSpan wait)
{
    readonly InvoiceCaller _caller = new(sim, pace, wait);
    long _dialled;
    int _finished;

    public async Task<SegmentResult> RunSegmentAsync(int calls, int concurrent, TimeSpan ramp)
    {
        using var lines = new SemaphoreSlim(concurrent);
        var running = new List<Task<CallOutcome>>(calls);
        var rampCalls = Math.Min(calls, concurrent);
        var started = Stopwatch.GetTimestamp();
        (DateTimeOffset At, ServiceStats Service, int Finished, TimeSpan LoadCpu, int InProgress)? rampEnd = null;
        for (var i = 0; i < calls; i++)
        {
            if (i < rampCalls && ramp * i / rampCalls - Stopwatch.GetElapsedTime(started) is { Ticks: > 0 } early) await Task.Delay(early);
            await lines.WaitAsync();
            running.Add(CallAsync(lines));
            if (i == rampCalls - 1 && calls > concurrent)
                rampEnd = (DateTimeOffset.UtcNow, await service.StatsAsync(), Volatile.Read(ref _finished), LoadCpu(), concurrent - lines.CurrentCount);
        }
        SteadyWindow? window = null;
        if (rampEnd is { } s)
        {
            var until = DateTimeOffset.UtcNow;
            var inProgress = concurrent - lines.CurrentCount;
            var end = await service.StatsAsync();
            var finished = Volatile.Read(ref _finished) - s.Finished;
            var loadCpu = (LoadCpu() - s.LoadCpu).TotalSeconds;
            window = new SteadyWindow(s.At, until, s.Service, end, await service.StatsAfterFullGcAsync(), finished, loadCpu, s.InProgress, inProgress);
        }
        var outcomes = await Task.WhenAll(running);
        return new SegmentResult(concurrent, outcomes, window, await service.StatsAfterFullGcAsync());
    }

    async Task<CallOutcome> CallAsync(SemaphoreSlim lines)
    {
        var n = Interlocked.Increment(ref _dialled);
        try
        {
            // Yield first: the loop that starts calls must not run the caller's first steps itself.
            await Task.Yield();
            return await _caller.RunAsync(CallerNumber(n), InvoiceKeys.ForCall(n));
        }
        finally
        {
            Interlocked.Increment(ref _finished);
            lines.Release();
        }
    }

    /// <summary>Distinct mobile numbers, so a per-caller rate limit sees many callers as a real hotline does.</summary>
    static string CallerNumber(long n) => "139" + (n % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    static TimeSpan LoadCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
