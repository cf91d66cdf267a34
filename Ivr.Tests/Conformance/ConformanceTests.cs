using System.Globalization;
using Ivr.Tests.Conformance.Comparison;
using Ivr.Tests.Conformance.Replay;
using Ivr.Tests.Conformance.Traces;
using Xunit.Abstractions;

namespace Ivr.Tests.Conformance;

/// <summary>
/// One case per `*.rest.jsonl` in ../shared/ari-traces: the simulator is driven through the scenario's steps and
/// must answer and send events as the real Asterisk 22 did (docs/conformance.md). A failure lists every
/// difference with scenario, socket, channel, index and trace line.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class ConformanceTests(TraceFixture traces, ITestOutputHelper output) : IClassFixture<TraceFixture>
{
    /// <summary>
    /// Scenarios the simulator is known not to match yet (Fixtures/known-divergences.txt: `scenario  reason`). They
    /// still run and print their differences (or that they conformed this time), but do not fail the suite; the
    /// foundation issue stays open while the list is not empty.
    /// </summary>
    static readonly IReadOnlyDictionary<string, string> KnownDivergences = File.ReadAllLines(
            Path.Combine(AppContext.BaseDirectory, "Conformance", "Fixtures", "known-divergences.txt"))
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split(' ', 2, StringSplitOptions.TrimEntries))
        .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

    /// <summary>IVR_CONFORMANCE_SPEED runs the replay (and the simulator's clock) that many times faster; 1 by default.</summary>
    static double Speed => double.TryParse(Environment.GetEnvironmentVariable("IVR_CONFORMANCE_SPEED"), CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 1;

    /// <summary>IVR_CONFORMANCE_REPEAT replays each scenario that many times in a row (to prove a race gone); 1 by default.</summary>
    static int Repeat => int.TryParse(Environment.GetEnvironmentVariable("IVR_CONFORMANCE_REPEAT"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;

    public static TheoryData<string> Scenarios() => new(TraceLoader.Discover(TraceDirectory.Path));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_simulator_behaves_like_the_reference_Asterisk_in(string scenario)
    {
        var trace = traces.All.Single(t => t.Name == scenario);
        var plan = ReplayPlan.Build(trace);
        var preludes = Preludes.For(trace, traces.All).Select(ReplayPlan.Build).ToList();
        var dialplan = Path.Combine(AppContext.BaseDirectory, "Conformance", "Fixtures", "extensions.conf");

        var mismatches = new List<Mismatch>();
        for (var run = 1; run <= Repeat; run++)
        {
            await using var replay = new ScenarioReplayer(plan, preludes, dialplan, traces.Sounds.Directory, Speed);
            var found = await replay.RunAsync();
            foreach (var note in replay.Notes) output.WriteLine($"{scenario} run {run}: {note}");
            if (Repeat > 1) output.WriteLine($"{scenario} run {run} of {Repeat}: {(found.Count == 0 ? "conformed" : $"{found.Count} difference(s)")}");
            mismatches.AddRange(found);
        }

        if (KnownDivergences.TryGetValue(scenario, out var reason))
        {
            // Some of these differ only in timing races, so a run that happens to match is reported, not failed.
            output.WriteLine(mismatches.Count == 0
                ? $"{scenario} conformed in this run although listed as a known divergence ({reason}): check and remove it from the list"
                : $"known divergence ({reason}):\n" + string.Join("\n", mismatches));
            return;
        }
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} difference(s) from the trace {scenario} (../shared/ari-traces/{scenario}.*):\n" + string.Join("\n", mismatches));
    }
}
