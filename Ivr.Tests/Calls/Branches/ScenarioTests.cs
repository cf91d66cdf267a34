using Ivr.Menus.Testing;

namespace Ivr.Tests.Calls.Branches;

/// <summary>
/// Every scenario of menus/tests played end to end: the real MenuCalls over the simulator's ARI, call state in Redis,
/// records in PostgreSQL, actions answered from the scenario's steps, and what the caller hears checked against each
/// <c>expect</c>. Together they take every transition of the 12366 menus.
/// </summary>
public sealed class ScenarioTests(ScenarioRig rig) : IClassFixture<ScenarioRig>
{
    public static TheoryData<string> Playable => Scenarios.Playable();

    [Theory]
    [MemberData(nameof(Playable))]
    public async Task Scenario_plays_through_the_service_as_the_engine_plays_it(string scenario)
    {
        var outcome = Scenarios.Named(scenario);
        Assert.True(outcome.Passed, outcome.Failure);
        await using var call = await ScenarioCall.DialAsync(rig, outcome);
        await call.PlayAllAsync();
        await call.Call.HangUpAsync();
        await CleanEnd.AssertAsync(rig, call);
    }

    [Fact]
    public void Scenarios_played_through_the_service_take_every_transition_of_the_menus()
    {
        var played = Scenarios.All.Where(o => Scenarios.NotPlayable(o.Test) is null).ToList();
        var notTaken = MenuTestSuite.NotTaken(Scenarios.Set, played);
        Assert.True(notTaken.Count == 0, "transitions no scenario played through the service takes:" + Environment.NewLine + string.Join(Environment.NewLine, notTaken));
    }

    [Fact]
    public void Only_scenarios_that_need_what_the_call_service_lacks_are_left_to_the_engine()
    {
        var left = Scenarios.All.Select(o => (o.Test.Name, Reason: Scenarios.NotPlayable(o.Test))).Where(x => x.Reason is not null)
            .Select(x => $"{x.Name}: {x.Reason}").ToList();
        Assert.All(left, l => Assert.Matches("speech input|a seat that talks|language 'en-US' at the start|entry 'campaign:", l));
        Assert.InRange(left.Count, 1, 10);
    }
}
