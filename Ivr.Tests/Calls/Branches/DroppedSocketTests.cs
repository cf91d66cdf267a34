namespace Ivr.Tests.Calls.Branches;

/// <summary>
/// A whole scenario goes on to its end when the inbound event socket drops in the middle of it: the service rebuilds the
/// call over REST and every later step (keys, prompts, the action, the read-back of its answer) still works.
/// </summary>
public sealed class DroppedSocketTests(ScenarioRig rig) : IClassFixture<ScenarioRig>
{
    /// <summary>
    /// The socket drops before step <paramref name="dropBefore"/> (0-based). The step before it must be one the service has
    /// finished (an expect): keys still in the simulator's outgoing queue at the drop are lost, as on a real Asterisk, and
    /// the test clock never fires the inter-digit timeout that would end a half-keyed answer.
    /// </summary>
    [Theory]
    [InlineData("complaint is recorded and the ticket number is said and sent by SMS", 6)]
    // The invoice-date question (a collect node) waits for keys when the socket drops.
    [InlineData("special invoice with a code matches and the caller returns to the main menu", 15)]
    public async Task Scenario_goes_on_to_its_end_after_the_event_socket_drops_halfway(string scenario, int dropBefore)
    {
        var outcome = Scenarios.Named(scenario);
        await using var call = await ScenarioCall.DialAsync(rig, outcome);
        await call.PlayAsync(0, dropBefore);

        var before = rig.Sim.Requests.Count;
        await rig.Sim.DropEventSocketsAsync();
        // Keys pressed while no socket is up would be lost, as on a real Asterisk: go on once the call was looked up again.
        await call.RequestAsync(r => rig.Sim.Requests.Skip(before).Contains(r) && r.Method == "GET" && r.PathAndQuery.StartsWith("/ari/applications/ivr", StringComparison.Ordinal),
            "the application's channels after reconnecting");

        await call.PlayAsync(dropBefore, outcome.Test.Steps.Count);
        await call.Call.HangUpAsync();
        await CleanEnd.AssertAsync(rig, call);
    }
}
