using Ivr.Service.Calls.Greeting;
using static Ivr.Service.Calls.Greeting.GreetingCommand;

namespace Ivr.Tests.Calls;

public class GreetingFlowTests
{
    static readonly GreetingOptions Options = new() { SilenceTimeout = TimeSpan.FromSeconds(10), MaxSilences = 3 };

    static (GreetingFlow Flow, IReadOnlyList<GreetingCommand> All) Run(params GreetingEvent[] events)
    {
        var (flow, commands) = GreetingFlow.Start(Options);
        var all = commands.ToList();
        foreach (var e in events)
        {
            (flow, commands) = flow.On(e);
            all.AddRange(commands);
        }
        return (flow, all);
    }

    [Fact]
    public void Caller_is_answered_in_Mandarin_and_hears_the_welcome_then_the_instructions()
    {
        var (_, commands) = Run();
        Assert.Equal<GreetingCommand>(
            [new Answer("zh"), new Play("greeting-1", ["sound:welcome", "sound:greeting-instructions"]),
             new StartTimer(GreetingFlow.SilenceTimer, TimeSpan.FromSeconds(10))],
            commands);
    }

    [Fact]
    public void A_key_stops_the_prompt_and_is_read_back()
    {
        var (flow, _) = Run();
        var (_, commands) = flow.On(new GreetingEvent.Digit('7'));
        Assert.Equal<GreetingCommand>(
            [new StopPlayback(), new Play("greeting-2", ["sound:you-pressed", "sound:num-7"]),
             new StartTimer(GreetingFlow.SilenceTimer, TimeSpan.FromSeconds(10))],
            commands);
    }

    [Fact]
    public void Hash_says_goodbye_and_hangs_up_only_when_the_goodbye_has_finished()
    {
        var (flow, commands) = Run(new GreetingEvent.Digit('#'));
        Assert.Contains(new Play("greeting-2", ["sound:goodbye"]), commands);
        Assert.DoesNotContain(new HangUp(), commands);

        // The welcome stopped by the key reports its end late: that must not cut the goodbye short.
        (flow, commands) = flow.On(new GreetingEvent.PlaybackFinished("greeting-1"));
        Assert.Empty(commands);
        (flow, commands) = flow.On(new GreetingEvent.PlaybackFinished("greeting-2"));
        Assert.Equal<GreetingCommand>([new HangUp()], commands);
        Assert.True(flow.Ended);
    }

    [Fact]
    public void Caller_who_presses_nothing_hears_the_instructions_again_then_goodbye_after_three_silences()
    {
        var silence = new GreetingEvent.TimerFired(GreetingFlow.SilenceTimer);
        var (flow, commands) = Run(silence, silence);
        Assert.Equal(2, commands.Count(c => c == new Play("greeting-2", ["sound:greeting-instructions"]) ||
                                            c == new Play("greeting-3", ["sound:greeting-instructions"])));
        (flow, commands) = flow.On(silence);
        Assert.Contains(new Play("greeting-4", ["sound:goodbye"]), commands);
    }

    [Fact]
    public void A_key_resets_the_silence_count()
    {
        var silence = new GreetingEvent.TimerFired(GreetingFlow.SilenceTimer);
        var (flow, commands) = Run(silence, silence, new GreetingEvent.Digit('1'), silence, silence);
        Assert.DoesNotContain(commands, c => c is Play p && p.Media.Contains("sound:goodbye"));
    }

    [Fact]
    public void Hangup_at_any_moment_cancels_the_timer_and_nothing_follows()
    {
        var (flow, commands) = Run(new GreetingEvent.Digit('3'), new GreetingEvent.HungUp());
        Assert.Equal(new CancelTimer(GreetingFlow.SilenceTimer), commands[^1]);
        Assert.True(flow.Ended);
        Assert.Empty(flow.On(new GreetingEvent.Digit('4')).Commands);
        Assert.Empty(flow.On(new GreetingEvent.TimerFired(GreetingFlow.SilenceTimer)).Commands);
    }

    [Fact]
    public void Keys_pressed_during_the_goodbye_are_ignored()
    {
        var (flow, _) = Run(new GreetingEvent.Digit('#'));
        Assert.Empty(flow.On(new GreetingEvent.Digit('5')).Commands);
    }
}
