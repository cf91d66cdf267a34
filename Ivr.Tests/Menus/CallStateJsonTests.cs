using System.Collections.Immutable;
using Ivr.Menus.Engine;

namespace Ivr.Tests.Menus;

/// <summary>The engine state survives a trip through JSON (per-call state in Redis) and a restored call goes on.</summary>
public class CallStateJsonTests
{
    [Fact]
    public void State_written_as_json_reads_back_with_every_field_and_the_stacks_in_order()
    {
        var state = new CallState
        {
            Revision = "r1", Language = "en-US", Today = new DateOnly(2026, 11, 23), OpenCalendars = new HashSet<string> { "seat-hours" },
            Node = "code", Waiting = Waiting.Confirmation,
            Variables = ImmutableDictionary<string, string>.Empty.Add("code", "1234567890").Add("caller", "13800000000"),
            Masked = ["code"], Returns = ImmutableStack<string>.Empty.Push("outer").Push("inner"),
            MenuHistory = ImmutableStack<string>.Empty.Push("main").Push("sub"), Visits = ImmutableDictionary<string, int>.Empty.Add("main", 2),
            Tries = 1, Digits = "12", TypeAhead = "3", Playback = "p7", Timer = "t8", OverallTimer = "t6", Steps = 9, Sequence = 8,
        };

        var back = CallStateJson.Read(CallStateJson.Write(state));

        Assert.Equal(new[] { "inner", "outer" }, back.Returns.ToArray());
        Assert.Equal(new[] { "sub", "main" }, back.MenuHistory.ToArray());
        Assert.Equal("1234567890", back.Variables["code"]);
        Assert.Contains("code", back.Masked);
        Assert.Contains("seat-hours", back.OpenCalendars);
        Assert.Equal((Waiting.Confirmation, "p7", "t8", "t6", 9, 8, 1, "12", "3", 2),
            (back.Waiting, back.Playback, back.Timer, back.OverallTimer, back.Steps, back.Sequence, back.Tries, back.Digits, back.TypeAhead, back.Visits["main"]));
        Assert.Equal(CallStateJson.Write(state), CallStateJson.Write(back));
    }

    [Fact]
    public void Call_restored_from_json_answers_the_next_keys_exactly_as_the_original()
    {
        var original = new EngineMenu();
        original.Finish();
        original.Press("1");
        original.Finish();
        original.Press("12345");
        var engine = new MenuEngine(EngineMenu.Set);
        var restored = CallStateJson.Read(CallStateJson.Write(original.State));

        foreach (var key in "67890#")
        {
            var expected = original.Send(new CallEvent.Digit(key, TimeSpan.Zero));
            var step = engine.Handle(restored, new CallEvent.Digit(key, TimeSpan.Zero));
            restored = step.State;
            Assert.Equal(EngineMenu.Prompts(expected), EngineMenu.Prompts(step.Commands));
            Assert.Equal(expected.Select(c => c.GetType().Name), step.Commands.Select(c => c.GetType().Name));
        }
        Assert.Equal(CallStateJson.Write(original.State), CallStateJson.Write(restored));
    }

    [Theory]
    [InlineData("{", "malformed")]
    [InlineData("null", "null")]
    [InlineData("""{"revision":"r1","language":"zh","today":"2026-11-23","waiting":"Keys"}""", "missing required properties")]
    [InlineData("""{"revision":"r1","language":null}""", "language")]
    [InlineData("REVISION", "no revision")]
    [InlineData("WAITING", "$.waiting")]
    public void Json_that_is_not_a_call_state_is_refused_saying_what_is_wrong(string json, string message)
    {
        var valid = CallStateJson.Write(new EngineMenu().State);
        json = json switch
        {
            "REVISION" => valid.Replace($"\"revision\":\"{EngineMenu.Set.Revision}\"", "\"revision\":\"\""),
            "WAITING" => valid.Replace("\"waiting\":\"Playback\"", "\"waiting\":\"Dancing\""),
            _ => json,
        };
        var e = Assert.Throws<FormatException>(() => CallStateJson.Read(json));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Resumed_call_waiting_at_a_menu_hears_the_menu_again_and_its_old_timer_is_cancelled()
    {
        var call = new EngineMenu();
        call.Finish();
        call.Finish();
        var oldTimer = call.State.Timer;

        var step = new MenuEngine(EngineMenu.Set).Resume(call.State);

        Assert.Equal("main", step.State.Node);
        Assert.Contains(step.Commands, c => c is CallCommand.CancelTimer t && t.TimerId == oldTimer);
        Assert.Equal(["main-menu"], EngineMenu.Prompts(step.Commands));
        Assert.Equal(step.State.Playback, step.Commands.OfType<CallCommand.Play>().Single().PlaybackId);
    }

    [Fact]
    public void Resumed_call_in_the_middle_of_a_prompt_stops_the_old_playback_and_starts_the_node_again()
    {
        var call = new EngineMenu();
        call.Finish();
        call.Press("1");
        call.Press("12");
        var old = call.State.Playback;

        var step = new MenuEngine(EngineMenu.Set).Resume(call.State);

        Assert.Equal("", step.State.Digits);
        Assert.True(old is null || step.Commands.Any(c => c is CallCommand.StopPlayback s && s.PlaybackId == old));
        Assert.Equal(["enter-code"], EngineMenu.Prompts(step.Commands));
    }

    [Fact]
    public void Resumed_call_that_is_recording_is_left_recording()
    {
        var call = new EngineMenu();
        call.Finish();
        call.Press("6");
        Assert.IsType<CallCommand.Record>(Assert.Single(call.Finish()));

        var step = new MenuEngine(EngineMenu.Set).Resume(call.State);

        Assert.Empty(step.Commands);
        Assert.Equal(Waiting.Recording, step.State.Waiting);
    }
}
