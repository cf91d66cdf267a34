using Ivr.Service.Calls.Records;

namespace Ivr.Tests.Calls.Records;

/// <summary>Calls through the simulator leave their record in PostgreSQL: self-served, abandoned, hung up mid-action.</summary>
public sealed class RecordedCallTests(RecordedCallsFixture f) : IClassFixture<RecordedCallsFixture>
{
    static readonly TimeSpan Wait = RecordedCallsFixture.Wait;

    [Fact]
    public async Task Deadline_enquiry_is_stored_as_self_served_with_numbers_times_path_and_hangup_cause()
    {
        f.Actions.Answer("filing.deadline", "ok", ("deadline", "20261215"));
        var call = await f.Sim.DialAsync("12366", callerId: "13800000011");
        await call.WaitForPlaybackAsync("sound:main-menu", Wait);
        await call.PressAsync("21");
        await call.WaitForPlaybackAsync("sound:filing-menu", Wait);
        await call.HangUpAsync();

        var record = await f.RecordOfAsync(call.IvrChannelId);

        Assert.Equal(CallOutcomes.SelfServed, record.Outcome);
        Assert.Equal((CallDirections.Inbound, "13800000011", "12366"), (record.Direction, record.CallerNumber, record.DialledNumber));
        Assert.Equal("21", record.Keys);
        Assert.Equal([("filing.deadline", (string?)"ok")], record.Actions.Select(a => (a.Action, a.Result)));
        Assert.Contains(record.Path, p => p.Node == "deadline-say");
        Assert.Equal(16, record.HangupCause);
        Assert.Equal("zh-CN", record.Language);
        Assert.False(string.IsNullOrEmpty(record.MenuRevision));
        Assert.True(record.StartedAt <= record.AnsweredAt && record.AnsweredAt < record.EndedAt);
    }

    [Fact]
    public async Task Caller_hanging_up_during_the_main_menu_is_stored_as_abandoned()
    {
        var call = await f.Sim.DialAsync("12366", callerId: "13800000012");
        await call.WaitForPlaybackAsync("sound:main-menu", Wait);
        await call.HangUpAsync();

        var record = await f.RecordOfAsync(call.IvrChannelId);

        Assert.Equal(CallOutcomes.Abandoned, record.Outcome);
        Assert.Equal(["welcome", "main"], record.Path.Select(p => p.Node));
        Assert.Empty(record.Actions);
    }

    [Fact]
    public async Task Caller_hanging_up_while_a_back_end_is_still_working_is_stored_with_the_action_unanswered()
    {
        f.Actions.Answer("filing.status", ScriptedActions.Hang);
        var call = await f.Sim.DialAsync("12366", callerId: "13800000013");
        await call.WaitForPlaybackAsync("sound:main-menu", Wait);
        await call.PressAsync("22");
        await call.WaitForPlaybackAsync("sound:enter-taxpayer-id", Wait);
        await call.PressAsync("914403007152600052#");
        await call.WaitForPlaybackAsync(null, Wait);
        await call.PressAsync("1");
        await f.Actions.InvokedAsync("filing.status").WaitAsync(Wait);
        await call.HangUpAsync();

        var record = await f.RecordOfAsync(call.IvrChannelId);

        Assert.Equal([("filing.status", (string?)null)], record.Actions.Select(a => (a.Action, a.Result)));
        Assert.Equal(CallOutcomes.Abandoned, record.Outcome);
        Assert.DoesNotContain("9144030071", record.Keys);
        Assert.Equal("22" + new string('*', 18) + "#1", record.Keys);
    }
}
