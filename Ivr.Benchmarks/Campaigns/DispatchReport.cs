using System.Globalization;
using System.Runtime.InteropServices;

namespace Ivr.Benchmarks.Campaigns;

/// <summary>Prints what the dispatch benchmark measured as Markdown, ready for docs/benchmarks.md.</summary>
public sealed class DispatchReport(DispatchBenchOptions options, TextWriter output)
{
    public void Machine() =>
        Line($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; load average at start: {LoadAverage()}\n" +
            $"run: {options.Targets:N0} targets, chunk size {options.ChunkSize}, {options.Workers} Hangfire workers, campaign pacing {N(options.SmsPerSecond)} SMS/s, " +
            $"stand-in limit {options.ProviderLimit}/s (429 above), variants {string.Join(", ", options.Variants)}");

    public void Variant(DispatchVariantResult r)
    {
        var g = r.Gateway;
        Line($"\n### {r.Variant} (chunk size {r.ChunkSize}); load average now: {LoadAverage()}");
        Line($"targets {r.Targets:N0}: {States(r.TargetStates)}; attempts: {States(r.AttemptStates)}");
        Line($"stand-in: {g.Messages:N0} messages to {g.Phones:N0} phones, phones with more than one: {g.PhonesWithMoreThanOne}, " +
            $"idempotent replays: {g.Replays}, answered 429: {g.Throttled:N0}");
        Line($"tick (plan + enqueue) {Sec(r.Tick)}, enqueue {Sec(r.Enqueue)} for {r.JobsEnqueued:N0} jobs, jobs re-scheduled {r.JobsRescheduled}; " +
            (r.Drained ? $"drained in {Sec(r.Drain)}" : $"NOT drained within {Sec(r.Drain)}") + $" = {Rate(g.Messages, r.Drain)} SMS/s");
        var busiest = g.PerSecond.Count == 0 ? 0 : g.PerSecond.Max(s => s.Accepted);
        var idle = g.PerSecond.Count(s => s.Accepted == 0);
        Line($"per second at the stand-in: most {busiest}, seconds with none taken {idle} of {g.PerSecond.Count}, longest pause {LongestPause(g.PerSecond)} s, seconds with a 429: {g.PerSecond.Count(s => s.Throttled > 0)}");
        Line($"timeline (sent / answered 429): {Timeline(g.PerSecond)}");
        Line($"hangfire tables: {string.Join(", ", r.HangfireTables.Where(t => t.Rows > 0 || t.Bytes > 64 * 1024).Select(t => $"{t.Table} {t.Rows:N0} rows {Mib(t.Bytes)}"))}; " +
            $"total {Mib(r.HangfireTables.Sum(t => t.Bytes))}; longest queue seen {r.MaxQueued:N0}");
        Line($"CPU: PostgreSQL backends of this database {(r.PostgresCpuSeconds is { } pg ? $"{pg:0.0} s" : "not visible")}, benchmark process {r.ProcessCpuSeconds:0.0} s");
    }

    public void SideBySide(IReadOnlyList<DispatchVariantResult> results)
    {
        Line("\n| variant | jobs | tick (plan + enqueue) | enqueue | drain | SMS/s | 429s | longest queue | Hangfire rows (job / state / jobparameter) | Hangfire size | PostgreSQL CPU | process CPU | sent twice |");
        Line("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            long Rows(string table) => r.HangfireTables.FirstOrDefault(t => t.Table == table)?.Rows ?? 0;
            Line($"| {r.Variant} | {r.JobsEnqueued:N0} | {Sec(r.Tick)} | {Sec(r.Enqueue)} | {(r.Drained ? "" : "> ")}{Sec(r.Drain)} | {Rate(r.Gateway.Messages, r.Drain)} | {r.Gateway.Throttled:N0} | {r.MaxQueued:N0} | " +
                $"{Rows("job"):N0} / {Rows("state"):N0} / {Rows("jobparameter"):N0} | {Mib(r.HangfireTables.Sum(t => t.Bytes))} | " +
                $"{(r.PostgresCpuSeconds is { } pg ? $"{pg:0.0} s" : "n/a")} | {r.ProcessCpuSeconds:0.0} s | {r.Gateway.PhonesWithMoreThanOne} |");
        }
    }

    /// <summary>Sent and 429 per bucket of seconds, at most ~30 buckets so a long drain stays one line.</summary>
    static string Timeline(IReadOnlyList<(int Accepted, int Throttled)> perSecond)
    {
        var bucket = Math.Max(1, (perSecond.Count + 29) / 30);
        return string.Join(" ", perSecond.Chunk(bucket).Select((b, i) =>
            $"{i * bucket}s:{b.Sum(s => s.Accepted)}/{b.Sum(s => s.Throttled)}"));
    }

    static int LongestPause(IReadOnlyList<(int Accepted, int Throttled)> perSecond)
    {
        int longest = 0, run = 0;
        foreach (var s in perSecond)
        {
            run = s.Accepted == 0 ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    static string States(IReadOnlyDictionary<string, long> byState) => string.Join(", ", byState.Select(s => $"{s.Key} {s.Value:N0}"));

    static string Rate(int messages, TimeSpan over) => (messages / over.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);

    static string Sec(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    static string Mib(long bytes) => (bytes / 1024.0 / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    static string N(double d) => d.ToString(CultureInfo.InvariantCulture);

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    void Line(string s)
    {
        output.WriteLine(s);
        output.Flush();
    }
}
