using Ivr.Menus.Model;
using Ivr.Menus.Testing;

namespace Ivr.Tests.Calls.Branches;

/// <summary>
/// Every scenario of menus/tests played end to end: the real MenuCalls over the simulator's ARI, call state in Redis,
/// records in PostgreSQL, actions answered from the scenario's steps, and what the caller hears checked against each
/// <c>expect</c>. The scenarios are split by file over a few classes only so that xunit runs them side by side.
/// </summary>
public static class ScenarioRuns
{
    public static async Task PlayAsync(ScenarioRig rig, string scenario)
    {
        var outcome = Scenarios.Named(scenario);
        Assert.True(outcome.Passed, outcome.Failure);
        await using var call = await ScenarioCall.DialAsync(rig, outcome);
        await call.PlayAllAsync();
        await call.Call.HangUpAsync();
        await CleanEnd.AssertAsync(rig, call);
    }

    /// <summary>The scenario files each class plays; together every file.</summary>
    public static readonly string[][] Files =
        [["invoice.yaml", "complaints.yaml"], ["invalid.yaml"], ["fallbacks.yaml"], ["filing.yaml", "language.yaml", "seats.yaml", "reminder.yaml"]];
}

public sealed class InvoiceScenarioTests(ScenarioRig rig) : IClassFixture<ScenarioRig>
{
    public static TheoryData<string> Cases => Scenarios.Playable(ScenarioRuns.Files[0]);

    [Theory, MemberData(nameof(Cases))]
    public Task Scenario_plays_through_the_service_as_the_engine_plays_it(string scenario) => ScenarioRuns.PlayAsync(rig, scenario);
}

public sealed class InvalidInputScenarioTests(ScenarioRig rig) : IClassFixture<ScenarioRig>
{
    public static TheoryData<string> Cases => Scenarios.Playable(ScenarioRuns.Files[1]);

    [Theory, MemberData(nameof(Cases))]
    public Task Scenario_plays_through_the_service_as_the_engine_plays_it(string scenario) => ScenarioRuns.PlayAsync(rig, scenario);
}

public sealed class FallbackScenarioTests(ScenarioRig rig) : IClassFixture<ScenarioRig>
{
    public static TheoryData<string> Cases => Scenarios.Playable(ScenarioRuns.Files[2]);

    [Theory, MemberData(nameof(Cases))]
    public Task Scenario_plays_through_the_service_as_the_engine_plays_it(string scenario) => ScenarioRuns.PlayAsync(rig, scenario);
}

public sealed class FilingAndSeatScenarioTests(ScenarioRig rig) : IClassFixture<ScenarioRig>
{
    public static TheoryData<string> Cases => Scenarios.Playable(ScenarioRuns.Files[3]);

    [Theory, MemberData(nameof(Cases))]
    public Task Scenario_plays_through_the_service_as_the_engine_plays_it(string scenario) => ScenarioRuns.PlayAsync(rig, scenario);
}

/// <summary>What the scenarios played through the service prove together.</summary>
public sealed class ScenarioCoverageTests
{
    [Fact]
    public void Every_scenario_file_is_played_by_one_of_the_scenario_classes()
    {
        var files = Directory.GetFiles(Tests.Menus.Repository.PathOf("menus", "tests"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(files, ScenarioRuns.Files.SelectMany(f => f).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Every transition, and every retry of a node that asks, is taken by a scenario the service plays, except those behind
    /// a seat that talks (this rig has no seats router, so a queue always ends with no seat; Ivr.Tests/Seats plays those)
    /// and those only the campaigns' outbound dial reaches (Ivr.Tests/Calls/Outbound plays the reminder).
    /// </summary>
    [Fact]
    public void Scenarios_played_through_the_service_take_every_transition_of_the_dialled_menus_not_behind_a_talking_seat()
    {
        var played = Scenarios.All.Where(o => Scenarios.NotPlayable(o.Test) is null).ToList();
        var withoutSeats = ReachableWithoutSeats(Scenarios.Set);
        var notTaken = MenuTestSuite.NotTakenEdges(Scenarios.Set, played)
            .Where(x => x.Edge.Label != "after seat" && withoutSeats.Contains(x.Edge.From)).Select(x => $"{x.Node.At}: {x.Edge}").ToList();
        Assert.True(notTaken.Count == 0, "transitions no scenario played through the service takes:" + Environment.NewLine + string.Join(Environment.NewLine, notTaken));
    }

    [Fact]
    public void Scenarios_left_to_the_engine_are_only_those_needing_speech_a_talking_seat_a_phone_language_or_an_outbound_dial()
    {
        var left = Scenarios.All.Select(o => Scenarios.NotPlayable(o.Test)).OfType<string>().ToList();
        Assert.All(left, reason => Assert.Matches("speech input|a seat that talks|the caller's language|is not a dialled number", reason));
        Assert.True(left.Count < Scenarios.All.Count / 4, "most scenarios must run through the service; left to the engine:" + Environment.NewLine + string.Join(Environment.NewLine, left));
    }

    static HashSet<string> ReachableWithoutSeats(MenuSet set)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<string>(set.Entries.Where(e => e.Key.All(char.IsAsciiDigit)).Select(e => e.Value.Id));
        while (work.TryPop(out var id))
            if (seen.Add(id))
                foreach (var edge in set.Node(id).Edges.Where(e => e.Label != "after seat")) work.Push(edge.Target.Id);
        return seen;
    }
}
