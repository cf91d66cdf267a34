using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Ivr.Ari.Events;
using Ivr.Ari.Json;
using Ivr.Ari.Models;

namespace Ivr.Benchmarks.Ari;

/// <summary>
/// Events per second the client parses and dispatches: every event line of ../shared/ari-traces (real Asterisk 22
/// messages), copied with renamed channel ids so that many channels are live at once, parsed and posted to the
/// per-channel dispatcher with a handler that does nothing. Results are per event (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class EventDispatchBenchmarks
{
    const int Copies = 40;
    byte[][] _frames = [];
    Message[] _parsed = [];

    [GlobalSetup]
    public void Setup()
    {
        var lines = TraceFiles.EventLines().ToList();
        var ids = new Regex(@"(\d{10}\.\d+)");
        _frames = Enumerable.Range(0, Copies)
            .SelectMany(copy => lines.Select(l => Encoding.UTF8.GetBytes(ids.Replace(l, $"$1-{copy}"))))
            .ToArray();
        _parsed = _frames.Select(f => AriMessageParser.Parse(f)).ToArray();
        Console.WriteLine($"// {_frames.Length} events, {_parsed.Select(AriEventKey.Of).Distinct().Count()} lanes");
    }

    /// <summary>Frame bytes to typed event.</summary>
    [Benchmark]
    public int Parse()
    {
        var n = 0;
        foreach (var f in _frames) n += AriMessageParser.Parse(f).Type.Length;
        return n;
    }

    /// <summary>Typed event to its lane's handler, all lanes drained.</summary>
    [Benchmark]
    public async Task Dispatch()
    {
        await using var dispatcher = new AriEventDispatcher(static (_, _) => ValueTask.CompletedTask, capacityPerKey: 10_000, capacityTotal: 1_000_000);
        foreach (var m in _parsed) dispatcher.Post(m);
        await dispatcher.WhenIdleAsync();
    }

    /// <summary>What the socket reader does per frame: parse, then post; all lanes drained.</summary>
    [Benchmark]
    public async Task ParseAndDispatch()
    {
        await using var dispatcher = new AriEventDispatcher(static (_, _) => ValueTask.CompletedTask, capacityPerKey: 10_000, capacityTotal: 1_000_000);
        foreach (var f in _frames) dispatcher.Post(AriMessageParser.Parse(f));
        await dispatcher.WhenIdleAsync();
    }
}
