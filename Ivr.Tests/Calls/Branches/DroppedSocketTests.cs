namespace Ivr.Tests.Calls.Branches;

/// <summary>
/// A whole scenario goes on to its end when the inbound event socket drops in the middle of it: the service rebuilds the
/// call over REST and every later step (keys, prompts, the action, the read-back of its answer) still works.
/// </summary>
public sealed class DroppedSocketTests(ScenarioRig rig) : IClassFixture<ScenarioRig>
{
    [Theory]
    [InlineData("complaint is recorded and the ticket number is said and sent by SMS")]
    public async Task Scenario_goes_on_to_its_end_after_the_event_socket_drops_halfway(string scenario)
    {
        var outcome = Scenarios.Named(scenario);
        await using var call = await ScenarioCall.DialAsync(rig, outcome);
        var half = outcome.Test.Steps.Count / 2;
        await call.PlayAsync(0, half);

        var before = rig.Sim.Requests.Count;
        await rig.Sim.DropEventSocketsAsync();
        // Keys pressed while no socket is up would be lost, as on a real Asterisk: go on once the call was looked up again.
        await call.RequestAsync(r => rig.Sim.Requests.Skip(before).Contains(r) && r.Method == "GET" && r.PathAndQuery.StartsWith("/ari/applications/ivr", StringComparison.Ordinal),
            "the application's channels after reconnecting");

        await call.PlayAsync(half, outcome.Test.Steps.Count);
        await call.Call.HangUpAsync();
        await CleanEnd.AssertAsync(rig, call);
    }
}
