using Ivr.Service.Campaigns;
using Ivr.Service.SelfService.Invoices;
using Ivr.Service.Speech;
using Ivr.Simulator;
using Microsoft.Extensions.Configuration;

namespace Ivr.Benchmarks.Calls;

/// <summary>
/// <c>Ivr.Benchmarks calls …</c>: the simulator in this process as the load, the service in a child process
/// (<c>calls service …</c>), and virtual callers checking invoices through the 12366 menus (see docs/benchmarks.md).
/// </summary>
public static class CallsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["service", .. var serviceArgs]) return await RunServiceAsync(serviceArgs);
        CallsOptions options;
        try
        {
            options = CallsOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(CallsOptions.Usage);
            return 2;
        }
        var sounds = Directory.CreateTempSubdirectory("ivr-callbench-sounds-");
        try
        {
            var backEnd = await PrepareInvoiceRegistryAsync();
            SilentPrompts.Write(PromptCatalog.Load(Path.Combine(options.Repo, "prompts", "catalog.yaml")), sounds.FullName);
            await using var sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
            {
                DialplanPath = Path.Combine(options.Repo, "asterisk-config", "extensions.conf"),
                SoundsDirectory = sounds.FullName,
                Speed = options.Speed,
            });
            await using var service = await ServiceProcess.StartAsync(sim.AriUrl, options.Repo, TimeSpan.FromSeconds(120));
            var report = new CallsReport(options, Console.Out);
            report.Machine(backEnd);
            var load = new CallLoad(sim, service, CallerPace.Of(options), TimeSpan.FromSeconds(options.WaitSeconds));
            if (options.Warmup > 0) await load.RunSegmentAsync(options.Warmup, options.Warmup, TimeSpan.Zero);
            var idle = await service.StatsAfterFullGcAsync();
            report.Baseline(idle);
            var finished = 0;
            foreach (var stop in options.Checkpoints.Append(options.Calls))
            {
                var segment = await load.RunSegmentAsync(stop - finished, options.Concurrent, TimeSpan.FromSeconds(options.RampSeconds));
                finished = stop;
                report.Segment(segment, finished, idle, sim.Requests);
            }
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"calls benchmark: {e.Message}");
            return 1;
        }
        finally
        {
            sounds.Delete(recursive: true);
        }
    }

    /// <summary>
    /// With PostgreSQL and Redis configured the service registers the invoice registry, which needs the demo's sample
    /// invoices the callers key: loaded as <c>ivr invoices seed-sample</c> does. Says which back end the calls meet.
    /// </summary>
    static async Task<string> PrepareInvoiceRegistryAsync()
    {
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        if (InvoiceServices.PostgresOf(environment) is not { } postgres || CampaignServices.RedisOf(environment) is null)
            return "none (no IVR_POSTGRES / IVR_REDIS): invoice.verify answers error and calls take the menu's error path";
        Environment.SetEnvironmentVariable("IVR_POSTGRES", await BenchmarkDatabase.RecreateAsync(postgres));
        if (await InvoiceCommands.RunAsync(["seed-sample"]) != 0)
            throw new InvalidOperationException("the sample invoices could not be loaded into the registry (the reason is above)");
        return $"invoice.verify: PostgreSQL registry (sample invoices) with Redis limits; call records and menu revisions in database {BenchmarkDatabase.Name}";
    }

    static async Task<int> RunServiceAsync(string[] args)
    {
        if (args is not ["--ari-url", var url, "--repo", var repo] || !Uri.TryCreate(url, UriKind.Absolute, out var ariUrl))
        {
            await Console.Error.WriteLineAsync($"usage: Ivr.Benchmarks calls service --ari-url http://127.0.0.1:PORT/ari/ --repo DIR (got: {string.Join(' ', args)})");
            return 2;
        }
        return await ServiceSide.RunAsync(ariUrl, repo);
    }
}
