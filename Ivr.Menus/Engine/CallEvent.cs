namespace Ivr.Menus.Engine;

/// <summary>Something that happened on the call; time, hours and the date come in with events, never from a clock.</summary>
public abstract record CallEvent
{
    /// <summary>
    /// A call reached an entry (dialled number or campaign). OpenCalendars are the host's working-day calendars that are
    /// open now; Today is the local date for date checks. Variables are what the call brings from its start (an outbound
    /// reminder's deadline and tax); they cannot replace caller, entry or language.
    /// </summary>
    public sealed record Started(string Caller, string Entry, string? Language, DateOnly Today, IReadOnlySet<string> OpenCalendars,
        IReadOnlyDictionary<string, string>? Variables = null) : CallEvent;

    public sealed record PromptFinished(string PlaybackId) : CallEvent;

    /// <summary>A key released, with when (since call start) for logs and tests.</summary>
    public sealed record Digit(char Key, TimeSpan At) : CallEvent;

    public sealed record TimerFired(string TimerId) : CallEvent;

    /// <summary>Speech recognised while a menu waits (matched against options' keywords).</summary>
    public sealed record Speech(string Text) : CallEvent;

    public sealed record ActionCompleted(string Code, IReadOnlyDictionary<string, string> Outputs) : CallEvent;

    public sealed record RecordingFinished(string Recording, TimeSpan Length) : CallEvent;

    /// <summary>The seat part ended: Talked when a seat took the call, otherwise no seat answered or the queue closed.</summary>
    public sealed record SeatFinished(bool Talked) : CallEvent;

    public sealed record HungUp : CallEvent;
}
