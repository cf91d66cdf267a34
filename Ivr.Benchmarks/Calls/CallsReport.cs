using System.Globalization;
using System.Runtime.InteropServices;
using Ivr.Simulator;

namespace Ivr.Benchmarks.Calls;

/// <summary>Prints what the calls benchmark measured as Markdown, ready for docs/benchmarks.md.</summary>
public sealed class CallsReport(CallsOptions options, TextWriter output)
{
    const double MiB = 1024 * 1024;

    public void Machine(string backEnd)
    {
        Line($"back end: {backEnd}");
        Line($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; load average at start: {LoadAverage()}");
        Line($"run: {options.Concurrent} concurrent, {options.Calls} calls, checkpoints [{string.Join(", ", options.Checkpoints)}], " +
            $"simulator speed {options.Speed.ToString(CultureInfo.InvariantCulture)}, callers listen {options.ListenSeconds.ToString(CultureInfo.InvariantCulture)} s into a prompt and key every {(options.KeyGapSeconds + 0.2).ToString("0.##", CultureInfo.InvariantCulture)} s (simulated), ramp {options.RampSeconds.ToString(CultureInfo.InvariantCulture)} s, warm-up {options.Warmup} calls");
    }

    public void Baseline(ServiceStats idle) =>
        Line($"service after warm-up, idle, full GC: managed {Mb(idle.ManagedBytes)}, GC heap {Mb(idle.GcHeapBytes)}, working set {Mb(idle.WorkingSetBytes)}");

    public void Segment(SegmentResult segment, int finishedSoFar, ServiceStats idle, IReadOnlyList<RecordedRequest> requests)
    {
        var failed = segment.Calls.Where(c => c.Failure is not null).ToList();
        var results = string.Join(", ", segment.Calls.Where(c => c.Result is not null).GroupBy(c => c.Result!)
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Key["sound:".Length..]} {g.Count()}"));
        Line("");
        Line($"### {segment.Calls.Count} calls at {segment.Concurrent} concurrent (calls finished so far: {finishedSoFar}); load average now: {LoadAverage()}");
        var seconds = segment.Calls.Average(c => c.Length.TotalSeconds);
        Line($"results: {results}; failed: {failed.Count}; mean call length {seconds:0.0} s real ({seconds * options.Speed:0} s simulated)");
        foreach (var f in failed.Take(5)) Line($"  failed {f.ChannelId}: {f.Failure}");
        if (segment.Window is { } w)
        {
            var samples = ReactionTimes.Measure(segment.Calls, requests, w.From, w.Until);
            samples.Sort();
            var n = w.InProgressAtEnd;
            Line("");
            Line("| steady window | keys answered | DTMF → next ARI request p50 / p99 / max | service CPU per call | service CPU at this load | load process CPU | managed memory per concurrent call | working set per concurrent call |");
            Line("|---|---|---|---|---|---|---|---|");
            Line($"| {w.Seconds:0} s, {w.Finished} calls ended | {samples.Count} | {Ms(ReactionTimes.Percentile(samples, 0.5))} / {Ms(ReactionTimes.Percentile(samples, 0.99))} / {Ms(samples.Count == 0 ? double.NaN : samples[^1])} " +
                $"| {(w.Finished == 0 ? "n/a" : $"{w.ServiceCpuSeconds * 1000 / w.Finished:0.0} ms")} | {w.ServiceCpuSeconds / w.Seconds:0.00} cores ({w.ServiceCpuSeconds * 1000 / w.Seconds / n:0.000} ms/s per call) " +
                $"| {w.LoadCpuSeconds / w.Seconds:0.00} cores | {Kb((w.Live.ManagedBytes - idle.ManagedBytes) / (double)n)} | {Kb((w.End.WorkingSetBytes - idle.WorkingSetBytes) / (double)n)} |");
            Line($"calls in progress at the window's start / end: {w.InProgressAtStart} / {w.InProgressAtEnd} (target {segment.Concurrent}; a start below it means calls ended before the ramp did: use a shorter --ramp)");
            Line($"at {n} in progress: managed after full GC {Mb(w.Live.ManagedBytes)}, working set {Mb(w.End.WorkingSetBytes)}, GC heap {Mb(w.End.GcHeapBytes)}, full GCs so far {w.End.Gen2Collections}");
        }
        else Line($"no steady window: the segment has no more calls than lines ({segment.Calls.Count} ≤ {segment.Concurrent})");
        var d = segment.Drained;
        Line($"after {finishedSoFar} finished calls, drained, full GC: managed {Mb(d.ManagedBytes)}, GC heap {Mb(d.GcHeapBytes)}, working set {Mb(d.WorkingSetBytes)} " +
            $"(managed {Signed((d.ManagedBytes - idle.ManagedBytes) / MiB)} MiB against the warm idle service)");
    }

    void Line(string text) => output.WriteLine(text);

    static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";

    static string Mb(long bytes) => (bytes / MiB).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    static string Kb(double bytes) => (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KiB";

    static string Signed(double value) => value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    /// <summary>The 1-, 5- and 15-minute load averages: how busy the machine was besides this benchmark.</summary>
    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown (no /proc/loadavg)";
}
