using Ivr.Service.Speech.Values;

namespace Ivr.Service.Calls.Greeting;

/// <summary>
/// The built-in greeting a fresh installation answers 12366 with until the menus are loaded: welcome,
/// then every key is read back, `#` says goodbye, and silence repeats the instructions a few times.
/// Pure: fed events, returns commands, so every case is a table test without ARI.
/// </summary>
public sealed record GreetingFlow(GreetingOptions Options, int Playbacks = 0, int Silences = 0, string? GoodbyePlayback = null, bool Ended = false)
{
    public const string SilenceTimer = "silence";

    public static (GreetingFlow Flow, IReadOnlyList<GreetingCommand> Commands) Start(GreetingOptions options) =>
        (new GreetingFlow(options, Playbacks: 1),
        [
            new GreetingCommand.Answer(options.Language),
            new GreetingCommand.Play("greeting-1", ["sound:welcome", "sound:greeting-instructions"]),
            new GreetingCommand.StartTimer(SilenceTimer, options.SilenceTimeout),
        ]);

    public (GreetingFlow Flow, IReadOnlyList<GreetingCommand> Commands) On(GreetingEvent e)
    {
        if (Ended) return (this, []);
        return e switch
        {
            GreetingEvent.HungUp => (this with { Ended = true }, [new GreetingCommand.CancelTimer(SilenceTimer)]),
            GreetingEvent.PlaybackFinished p when p.PlaybackId == GoodbyePlayback =>
                (this with { Ended = true }, [new GreetingCommand.HangUp()]),
            GreetingEvent.Digit { Key: '#' } when !Ending => Goodbye(),
            GreetingEvent.Digit d when !Ending => (this with { Silences = 0, Playbacks = Playbacks + 1 },
            [
                new GreetingCommand.StopPlayback(),
                new GreetingCommand.Play(NextPlayback, ReadBack(d.Key)),
                new GreetingCommand.StartTimer(SilenceTimer, Options.SilenceTimeout),
            ]),
            GreetingEvent.TimerFired { Name: SilenceTimer } when !Ending => Silences + 1 >= Options.MaxSilences
                ? Goodbye()
                : (this with { Silences = Silences + 1, Playbacks = Playbacks + 1 },
                [
                    new GreetingCommand.Play(NextPlayback, ["sound:greeting-instructions"]),
                    new GreetingCommand.StartTimer(SilenceTimer, Options.SilenceTimeout),
                ]),
            _ => (this, []),
        };
    }

    bool Ending => GoodbyePlayback is not null;

    /// <summary>Digits are read with the word prompts of the call's language; other keys repeat the instructions.</summary>
    IReadOnlyList<string> ReadBack(char key) => char.IsAsciiDigit(key)
        ? ["sound:you-pressed", .. ValueSpeakers.Speak("digits", key.ToString(), Options.Language).Select(id => "sound:" + id)]
        : ["sound:greeting-instructions"];

    /// <summary>Ids are the flow's own, so a late PlaybackFinished of a stopped prompt cannot end the call early.</summary>
    string NextPlayback => $"greeting-{Playbacks + 1}";

    (GreetingFlow, IReadOnlyList<GreetingCommand>) Goodbye() => (this with { GoodbyePlayback = NextPlayback, Playbacks = Playbacks + 1 },
    [
        new GreetingCommand.CancelTimer(SilenceTimer),
        new GreetingCommand.StopPlayback(),
        new GreetingCommand.Play(NextPlayback, ["sound:goodbye"]),
    ]);
}

public sealed record GreetingOptions
{
    public string Language { get; init; } = "zh";
    /// <summary>Counted from the moment the instructions are requested, so it includes their length.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(15);
    public int MaxSilences { get; init; } = 3;
}
