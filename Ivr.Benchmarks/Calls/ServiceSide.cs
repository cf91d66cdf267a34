using Ivr.Service.Calls.Menu;
using Ivr.Service.Calls.Records;
using Ivr.Service.Menus.Production;
using Ivr.Service.SelfService;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ivr.Benchmarks.Calls;

/// <summary>
/// The service half of the calls benchmark, run in its own process so the CPU and memory measured are the service's
/// alone: the repository's menus through <see cref="MenuCalls"/> with menus in production, the action back ends and
/// call records, wired as <c>ServiceHost</c> wires them (campaigns and the admin API serve no inbound call and are left out). It answers the load process on standard input:
/// <c>stats</c>, <c>gc</c> (stats after a forced full collection) and <c>stop</c>.
/// </summary>
public static class ServiceSide
{
    /// <summary>Written once the ARI event socket is up: calls dialled before it would fail in Asterisk.</summary>
    public const string ReadyLine = "ready";

    public static async Task<int> RunAsync(Uri ariUrl, string repo)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = repo, Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Ari:Url"] = ariUrl.ToString() });
        builder.Logging.ClearProviders();
        // Errors only, on stderr: stdout carries the answers, and per-call information lines would be the load measured.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Error);
        var setup = MenuCallSetup.TryLoad(builder.Configuration, repo, out var errors);
        if (setup is null)
        {
            foreach (var error in errors) await Console.Error.WriteLineAsync(error);
            return 1;
        }
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(setup);
        builder.Services.AddMenuProduction(builder.Configuration, setup, repo);
        builder.Services.AddSelfService(builder.Configuration);
        builder.Services.AddCallRecords(builder.Configuration);
        builder.Services.AddSingleton<MenuCalls>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MenuCalls>());
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<MenuCalls>().Connected.WaitAsync(TimeSpan.FromSeconds(30));
        await Console.Out.WriteLineAsync(ReadyLine);
        await Console.Out.FlushAsync();
        while (await Console.In.ReadLineAsync() is { } command && command != "stop")
        {
            var answer = command switch
            {
                "stats" => ServiceStats.OfThisProcess(forceFullGc: false).ToLine(),
                "gc" => ServiceStats.OfThisProcess(forceFullGc: true).ToLine(),
                _ => $"error: unknown command '{command}' (stats, gc, stop)",
            };
            await Console.Out.WriteLineAsync(answer);
            await Console.Out.FlushAsync();
        }
        await host.StopAsync();
        return 0;
    }
}
