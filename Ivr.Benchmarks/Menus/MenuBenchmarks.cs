using BenchmarkDotNet.Attributes;
using Ivr.Menus.Engine;
using Ivr.Menus.Loading;
using Ivr.Menus.Model;

namespace Ivr.Benchmarks.Menus;

/// <summary>
/// Load + validate of a 10,000-node menu set (what a hot reload costs), and engine events per second.
/// dotnet run -c Release --project Ivr.Benchmarks -- --filter '*MenuBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class MenuBenchmarks
{
    const int EventsPerCall = 1000;
    IReadOnlyList<MenuSource> _sources = [];
    MenuEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sources = GeneratedMenus.Sources(10_000);
        var result = MenuLoader.Load(_sources, GeneratedMenus.Host);
        _engine = new MenuEngine(result.Set ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Take(5))));
        if (EngineEvents().Ended) throw new InvalidOperationException($"the walk ended before {EventsPerCall} events; the per-event figure would be wrong");
    }

    [Benchmark(Description = "load + validate 10,000 nodes")]
    public MenuSet? LoadAndValidate() => MenuLoader.Load(_sources, GeneratedMenus.Host).Set;

    /// <summary>A caller walking the generated tree: key 1 in menus, 4 digits in collects, ok from actions, prompts heard.</summary>
    [Benchmark(Description = "engine events", OperationsPerInvoke = EventsPerCall)]
    public CallState EngineEvents()
    {
        var step = _engine.Start(new CallEvent.Started("13800000000", "12366", null, new DateOnly(2026, 11, 23), new HashSet<string>()));
        var state = step.State;
        var ok = new CallEvent.ActionCompleted("ok", new Dictionary<string, string>());
        var one = new CallEvent.Digit('1', TimeSpan.Zero);
        for (var i = 0; i < EventsPerCall && !state.Ended; i++)
        {
            CallEvent e = state.Waiting switch
            {
                Waiting.Action => ok,
                Waiting.Playback => new CallEvent.PromptFinished(state.Playback!),
                _ => one,
            };
            state = _engine.Handle(state, e).State;
        }
        return state;
    }
}
