using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance.Replay;

public sealed class ReplayPlanTests
{
    static readonly IReadOnlyList<TraceScenario> All =
        TraceLoader.Discover(TraceDirectory.Path).Select(n => TraceLoader.Load(TraceDirectory.Path, n)).ToList();

    static ReplayPlan Plan(string name) => ReplayPlan.Build(All.Single(s => s.Name == name));

    [Fact]
    public void Every_trace_has_a_plan()
    {
        foreach (var trace in All) Assert.NotEmpty(ReplayPlan.Build(trace).Steps);
    }

    [Fact]
    public void Without_a_sockets_file_the_two_app_sockets_are_open_from_the_start()
    {
        Assert.Equal(["caller#1", "ivr#1"], Plan("menu-dtmf").InitialSockets);
    }

    [Fact]
    public void A_restart_keeps_the_open_sockets_and_turns_the_reconnect_loop_into_one_retrying_step()
    {
        var plan = Plan("asterisk-restart");

        Assert.Equal(["caller#1", "ivr#4"], plan.InitialSockets.Order());
        var connects = plan.Steps.OfType<ConnectStep>().ToList();
        Assert.Equal(["ivr#5"], connects[0].Labels);
        Assert.Equal(["failed"], connects[0].Outcomes);
        Assert.Equal(["ivr#6", "ivr#7", "ivr#8", "ivr#9", "ivr#10"], connects[1].Labels);
        Assert.Equal(["failed", "failed", "failed", "HTTP 503", "open"], connects[1].Outcomes);
        Assert.Equal(["caller#2"], connects[2].Labels);
        Assert.Equal(2, plan.Steps.OfType<PollStep>().Count());
        Assert.Equal(1006, plan.Sockets.Single(s => s.Label == "ivr#4").ClosedByAsteriskCode);
        Assert.Equal(1006, plan.Sockets.Single(s => s.Label == "caller#1").ClosedByAsteriskCode);
    }

    [Fact]
    public void Closes_the_driver_made_are_actions_not_expectations()
    {
        var plan = Plan("ws-reconnect");

        Assert.Equal("ivr#1", plan.Steps.OfType<NoteStep>().Single(n => n.Action.Kind == NoteActionKind.AbortSocket).Target);
        Assert.All(plan.Sockets, s => Assert.Null(s.ClosedByAsteriskCode));
        Assert.Equal(["ivr#2", "ivr#3", "ivr#4"], plan.Steps.OfType<ConnectStep>().SelectMany(c => c.Labels));
    }

    [Fact]
    public void The_outbound_scenario_starts_Asterisk_with_the_config_and_expects_its_closes()
    {
        var plan = Plan("outbound-websocket");

        Assert.Empty(plan.InitialSockets);
        Assert.Equal(NoteActionKind.StartWithOutboundConfig, Assert.IsType<NoteStep>(plan.Steps[0]).Action.Kind);
        Assert.Equal(new Dictionary<string, string> { ["/ari-ows"] = "ows", ["/ari-per-call"] = "pc" }, plan.OutboundFamilyOfPath);
        Assert.Equal("ows#1", plan.Steps.OfType<NoteStep>().Single(n => n.Action.Kind == NoteActionKind.ServerClosePersistent).Target);
        Assert.Equal("ows#2", plan.Steps.OfType<NoteStep>().Single(n => n.Action.Kind == NoteActionKind.ServerTerminatePersistent).Target);
        Assert.Equal("ivr-ows#1", plan.Steps.OfType<NoteStep>().Single(n => n.Action.Kind == NoteActionKind.CloseAppSocket).Target);
        Assert.Equal(1000, plan.Sockets.Single(s => s.Label == "pc#1").ClosedByAsteriskCode);
        Assert.Equal(1006, plan.Sockets.Single(s => s.Label == "ows#3").ClosedByAsteriskCode);
        Assert.Null(plan.Sockets.Single(s => s.Label == "ows#1").ClosedByAsteriskCode);
        Assert.Equal(19, plan.Steps.OfType<OutboundSendStep>().Count());
    }

    [Fact]
    public void Requests_sent_in_parallel_keep_their_trace_times()
    {
        var parallel = Plan("dtmf-burst").Steps.OfType<RestStep>().Where(r => r.Exchange.Line is >= 21 and <= 28).ToList();

        Assert.Equal(8, parallel.Count);
        Assert.True(parallel.Max(r => r.At) - parallel.Min(r => r.At) < TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public void A_scenario_that_continues_another_ones_call_replays_that_one_first()
    {
        Assert.Equal(["menu-dtmf"], Preludes.For(All.Single(s => s.Name == "bridge-seat"), All).Select(s => s.Name));
        Assert.Empty(Preludes.For(All.Single(s => s.Name == "menu-dtmf"), All));
        Assert.Empty(Preludes.For(All.Single(s => s.Name == "asterisk-restart"), All));
    }
}
