namespace Ivr.Benchmarks.Calls;

/// <summary>
/// The stretch of a load segment with the full number of calls in progress: from the end of the ramp to the start of
/// the last call, with the service's counters at both ends and its memory at the end.
/// </summary>
/// <param name="From">When the ramp ended.</param>
/// <param name="Until">When the last call of the segment started (later keys are not counted: the drain and the forced GC follow).</param>
/// <param name="Start">Service counters at <paramref name="From"/>.</param>
/// <param name="End">Service counters at <paramref name="Until"/>.</param>
/// <param name="Live">Service memory at <paramref name="Until"/> after a forced full GC: what the calls in progress hold.</param>
/// <param name="Finished">Calls that ended inside the window.</param>
/// <param name="LoadCpuSeconds">CPU the load process (simulator and callers) used inside the window.</param>
/// <param name="InProgressAtStart">Calls on the line at <paramref name="From"/>: below the target when calls end before the ramp does.</param>
/// <param name="InProgressAtEnd">Calls on the line at <paramref name="Until"/>, when <paramref name="Live"/> was taken.</param>
public sealed record SteadyWindow(DateTimeOffset From, DateTimeOffset Until, ServiceStats Start, ServiceStats End, ServiceStats Live,
    int Finished, double LoadCpuSeconds, int InProgressAtStart, int InProgressAtEnd)
{
    public double Seconds => (Until - From).TotalSeconds;

    public double ServiceCpuSeconds => End.CpuSeconds - Start.CpuSeconds;
}

/// <summary>One segment of the load: its calls' outcomes, its steady window (none when it had no more calls than lines) and the service after it drained.</summary>
public sealed record SegmentResult(int Concurrent, IReadOnlyList<CallOutcome> Calls, SteadyWindow? Window, ServiceStats Drained);
