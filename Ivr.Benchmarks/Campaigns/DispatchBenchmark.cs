namespace Ivr.Benchmarks.Campaigns;

/// <summary>
/// <c>Ivr.Benchmarks campaign-dispatch</c>: SMS campaigns dispatched on Hangfire and PostgreSQL with Redis pacing to a
/// loopback provider stand-in that throttles, the service's chunk jobs side by side with one job per target on the
/// same audience. Needs IVR_POSTGRES (on this machine, for the CPU figures) and IVR_REDIS. See docs/benchmarks.md.
/// </summary>
public static class DispatchBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        DispatchBenchOptions options;
        try
        {
            options = DispatchBenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n{DispatchBenchOptions.Usage}");
            return 2;
        }
        var server = ThrowawayDatabase.ServerFromEnvironment();
        var redis = Environment.GetEnvironmentVariable("IVR_REDIS") is { Length: > 0 } r ? r
            : throw new InvalidOperationException("set IVR_REDIS (source /work/servers.env, or bash scripts/servers.sh start prints it)");
        using var stop = new CancellationTokenSource();
        // Ctrl+C cancels instead of killing, so the throw-away databases are dropped on the way out.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var report = new DispatchReport(options, Console.Out);
        report.Machine();
        var results = new List<DispatchVariantResult>();
        try
        {
            foreach (var variant in options.Variants)
            {
                var result = await DispatchVariantRun.RunAsync(options, variant, server, redis, stop.Token);
                report.Variant(result);
                results.Add(result);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("stopped; the benchmark's databases are dropped");
            return 130;
        }
        report.SideBySide(results);
        return results.All(x => x.Drained && x.Gateway.PhonesWithMoreThanOne == 0 && x.Gateway.Phones == x.Targets) ? 0 : 1;
    }
}
