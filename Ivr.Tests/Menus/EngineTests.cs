using Ivr.Menus.Engine;

namespace Ivr.Tests.Menus;

public class EngineTests
{
    [Fact]
    public void Caller_hears_welcome_then_main_menu_then_timer_starts_after_the_prompt()
    {
        var call = new EngineMenu();
        Assert.Equal(["welcome"], EngineMenu.Prompts(call.Last));
        Assert.Equal(["main-menu"], EngineMenu.Prompts(call.Finish()));
        var timer = Assert.IsType<CallCommand.StartTimer>(Assert.Single(call.Finish()));
        Assert.Equal(TimeSpan.FromSeconds(5), timer.After);
    }

    [Fact]
    public void Key_pressed_during_a_menu_prompt_stops_it_and_counts()
    {
        var call = new EngineMenu();
        call.Finish();
        var commands = call.Press("1");
        Assert.IsType<CallCommand.StopPlayback>(commands[0]);
        Assert.Equal("code", call.State.Node);
        Assert.Equal(["enter-code"], EngineMenu.Prompts(commands));
    }

    [Fact]
    public void Keys_typed_ahead_during_a_play_node_answer_the_next_menu()
    {
        var call = new EngineMenu();
        Assert.Empty(call.Press("3"));
        var commands = call.Finish();
        Assert.Equal("rate", call.State.Node);
        Assert.Equal(["rate-us"], EngineMenu.Prompts(commands));
    }

    [Fact]
    public void Timer_that_fires_before_a_key_wins_and_the_late_key_answers_the_repeated_prompt()
    {
        var call = new EngineMenu();
        call.Finish();
        call.Finish();
        var timer = call.State.Timer!;
        Assert.Equal(["no-input", "main-menu"], EngineMenu.Prompts(call.Send(new CallEvent.TimerFired(timer))));
        call.Press("3");
        Assert.Equal("rate", call.State.Node);
    }

    [Fact]
    public void Key_that_arrives_before_the_timer_wins_and_the_stale_timer_is_ignored()
    {
        var call = new EngineMenu();
        call.Finish();
        call.Finish();
        var timer = call.State.Timer!;
        var commands = call.Press("3");
        Assert.Contains(new CallCommand.CancelTimer(timer), commands);
        Assert.Empty(call.Send(new CallEvent.TimerFired(timer)));
        Assert.Equal("rate", call.State.Node);
    }

    [Fact]
    public void Stale_prompt_finished_of_a_stopped_playback_is_ignored()
    {
        var call = new EngineMenu();
        call.Finish();
        var menuPrompt = call.State.Playback!;
        call.Press("1");
        Assert.Empty(call.Send(new CallEvent.PromptFinished(menuPrompt)));
        Assert.Equal("code", call.State.Node);
    }

    [Fact]
    public void Caller_who_presses_nothing_hears_the_menu_twice_then_goes_to_on_fail()
    {
        var call = new EngineMenu();
        call.Finish();
        call.Finish();
        call.Timeout();
        call.Finish();
        Assert.Equal(["goodbye"], EngineMenu.Prompts(call.Timeout()));
        Assert.Equal("bye", call.State.Node);
        Assert.Contains(call.Finish(), c => c is CallCommand.Hangup);
        Assert.True(call.State.Ended);
    }

    [Theory]
    [InlineData("7", "invalid")]
    [InlineData("#", "main-menu")]
    public void Wrong_key_is_invalid_and_repeat_key_replays_without_a_try(string key, string firstPrompt)
    {
        var call = new EngineMenu();
        call.Finish();
        Assert.Equal(firstPrompt, EngineMenu.Prompts(call.Press(key)).First());
        Assert.Equal(key == "#" ? 0 : 1, call.State.Tries);
    }

    [Fact]
    public void Seat_key_goes_to_the_seat_and_back_key_returns_to_the_previous_menu()
    {
        var call = new EngineMenu();
        call.Finish();
        call.Press("0");
        Assert.Equal(new CallCommand.EnterQueue("general", null, 5), Assert.Single(call.Last.OfType<CallCommand.EnterQueue>()));
        var back = new EngineMenu();
        back.Finish();
        back.Press("9");
        Assert.Equal("main", back.State.Node);
        Assert.Equal("en-US", back.State.Language);
        back.Press("*");
        Assert.Equal("main", back.State.Node);
    }

    [Fact]
    public void Collect_reads_back_a_masked_code_and_confirms_before_the_action()
    {
        var call = new EngineMenu();
        call.Finish();
        call.Press("1");
        call.Press("044031900111");
        Assert.Equal(["digits:044031900111", "confirm"], EngineMenu.Prompts(call.Last));
        Assert.Contains("code=****", call.State.Describe());
        Assert.Equal("e-ordinary", call.State.Variables["code.kind"]);
        call.Finish();
        var invoke = Assert.IsType<CallCommand.InvokeAction>(Assert.Single(call.Press("1"), c => c is CallCommand.InvokeAction));
        Assert.Equal("044031900111", invoke.Arguments["code"]);
        var told = call.Send(new CallEvent.ActionCompleted("match", new Dictionary<string, string> { ["seller"] = "42" }));
        Assert.Equal(["result-match", "digits:42"], EngineMenu.Prompts(told));
    }

    [Fact]
    public void Collect_ends_on_terminator_or_inter_digit_timeout_and_rejects_a_bad_code()
    {
        var call = new EngineMenu();
        call.Finish();
        call.Press("1");
        call.Finish();
        call.Press("4403191130");
        var timer = call.State.Timer!;
        Assert.Equal(["digits:4403191130", "confirm"], EngineMenu.Prompts(call.Send(new CallEvent.TimerFired(timer))));
        call.Press("2");
        call.Press("4403991130#");
        Assert.Equal(["invalid", "enter-code"], EngineMenu.Prompts(call.Last));
        Assert.Equal("invalid", call.State.Variables["code.error"]);
    }

    [Fact]
    public void Action_result_not_listed_goes_to_else()
    {
        var call = new EngineMenu();
        call.Finish();
        call.Press("1");
        call.Press("044031900111");
        call.Press("1");
        call.Send(new CallEvent.ActionCompleted("not_found", new Dictionary<string, string>()));
        Assert.Equal("bye", call.State.Node);
    }

    [Theory]
    [InlineData(true, "seat")]
    [InlineData(false, "bye")]
    public void Seat_option_branches_on_the_working_day_calendar(bool open, string node)
    {
        var call = new EngineMenu(seatsOpen: open);
        call.Finish();
        call.Send(new CallEvent.Speech("我要转人工"));
        Assert.Equal(node, call.State.Node);
    }

    [Fact]
    public void After_a_seat_call_the_caller_rates_the_service()
    {
        var call = new EngineMenu();
        call.Finish();
        call.Press("0");
        Assert.Equal(["rate-us"], EngineMenu.Prompts(call.Send(new CallEvent.SeatFinished(true))));
        call.Press("6");
        Assert.Equal(1, call.State.Tries);
        call.Press("4");
        Assert.Equal("4", call.State.Variables["score"]);
    }

    [Fact]
    public void Subflow_returns_to_the_node_after_it()
    {
        var call = new EngineMenu();
        call.Finish();
        call.Press("4");
        Assert.Equal("after-sub", call.State.Node);
        Assert.Equal("yes", call.State.Variables["visited"]);
    }

    [Fact]
    public void Complaint_is_recorded_after_the_prompt_then_a_ticket_is_sent_by_sms()
    {
        var call = new EngineMenu();
        call.Finish();
        call.Press("6");
        Assert.IsType<CallCommand.Record>(Assert.Single(call.Finish()));
        var created = call.Send(new CallEvent.RecordingFinished("rec-1", TimeSpan.FromSeconds(30)));
        Assert.Equal("rec-1", Assert.IsType<CallCommand.InvokeAction>(Assert.Single(created)).Arguments["recording"]);
        var sent = call.Send(new CallEvent.ActionCompleted("created", new Dictionary<string, string> { ["ticket"] = "T123" }));
        Assert.Equal(new Dictionary<string, string> { ["ticket"] = "T123" }, sent.OfType<CallCommand.SendSms>().Single().Parameters);
    }

    [Fact]
    public void Loop_without_input_is_stopped_by_the_visit_cap()
    {
        var call = new EngineMenu();
        call.Finish();
        var commands = call.Press("5");
        Assert.Equal(["goodbye"], EngineMenu.Prompts(commands));
        Assert.Equal("cap", call.State.Variables["ended-by"]);
        Assert.Equal(4, call.State.Visits["spin"]);
    }

    [Fact]
    public void Step_cap_ends_a_call_that_never_stops_moving()
    {
        var call = new EngineMenu();
        call.Finish();
        // Each repeat re-enters nothing; each back/forward pair costs steps, so 40 steps run out.
        for (var i = 0; i < 30 && !call.State.Ended && call.State.Variables.GetValueOrDefault("ended-by") is null; i++) { call.Press("9"); }
        Assert.Equal("cap", call.State.Variables["ended-by"]);
        Assert.True(call.State.Steps > 40);
    }

    public static TheoryData<string, string[]> States => new()
    {
        { "playing welcome", [] },
        { "menu prompt", ["finish"] },
        { "menu waiting", ["finish", "finish"] },
        { "collecting", ["finish", "1", "144"] },
        { "confirming", ["finish", "1", "044031900111"] },
        { "action", ["finish", "1", "044031900111", "1"] },
        { "queued", ["finish", "0"] },
        { "recording prompt", ["finish", "6"] },
        { "recording", ["finish", "6", "finish"] },
        { "survey", ["finish", "3"] },
        { "goodbye", ["finish", "2", "finish"] },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Hangup_in_any_state_ends_the_call_cancels_timers_and_ignores_later_events(string state, string[] steps)
    {
        var call = new EngineMenu(seatsOpen: state != "goodbye");
        foreach (var s in steps) { if (s == "finish") call.Finish(); else call.Press(s); }
        var timers = new[] { call.State.Timer, call.State.OverallTimer }.OfType<string>().ToList();
        var commands = call.Send(new CallEvent.HungUp());
        Assert.True(call.State.Ended, state);
        Assert.Equal(timers.Select(t => (CallCommand)new CallCommand.CancelTimer(t)), commands);
        Assert.Empty(call.Press("1"));
        Assert.Empty(call.Send(new CallEvent.ActionCompleted("match", new Dictionary<string, string>())));
    }
}
