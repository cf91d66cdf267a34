namespace Ivr.Service.Seats.Config;

/// <summary>
/// How a queue picks a seat: longest idle first among the seats with the best level in the required skills, or every
/// free seat with the skills at once (the first to answer takes the call).
/// </summary>
public enum SeatStrategy { LongestIdle, RingAll }

/// <summary>Which leg of a queued callback is called first; the other is called once the first has answered.</summary>
public enum CallbackOrder { SeatFirst, TaxpayerFirst }

/// <summary>One queue of live seats as configured in seats/queues.yaml.</summary>
public sealed record QueueSettings
{
    public required string Name { get; init; }

    /// <summary>Skills every seat of this queue needs; a caller's own skill (from the menu) is added to them.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    public SeatStrategy Strategy { get; init; } = SeatStrategy.LongestIdle;

    /// <summary>How long one seat rings before the next one is tried.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>After a call the seat gets no new call for this long.</summary>
    public TimeSpan WrapUp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A caller waiting longer leaves the queue for the overflow or the menu's no-seat path.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Callers beyond this many are not queued.</summary>
    public int MaxLength { get; init; } = 200;

    /// <summary>Whether a caller may join while no seat with the skills is logged in.</summary>
    public bool JoinEmpty { get; init; }

    /// <summary>Another queue that takes callers this one refuses or gives up on; null: the menu's no-seat path.</summary>
    public string? Overflow { get; init; }

    /// <summary>Calendar (in the same file) outside which the queue takes nobody; null: always open.</summary>
    public string? Hours { get; init; }

    /// <summary>A key that leaves the queue for the menu's no-seat path (callback offer, voicemail).</summary>
    public char? LeaveKey { get; init; }

    /// <summary>After this many unanswered offers in a row a seat is paused with reason "no answer".</summary>
    public int PauseAfterMisses { get; init; } = 2;

    /// <summary>Records the seat call (a bridge recording named after the caller's channel).</summary>
    public bool Record { get; init; }

    public string MohClass { get; init; } = "default";

    /// <summary>Position and wait announcements; null: music only.</summary>
    public AnnounceSettings? Announce { get; init; }

    /// <summary>Whether a callback of this queue rings the seat or the taxpayer first.</summary>
    public CallbackOrder CallbackOrder { get; init; } = CallbackOrder.SeatFirst;

    /// <summary>The callback a caller is offered on entering when the wait is long (or the queue is closed); null: never offered.</summary>
    public CallbackOfferSettings? CallbackOffer { get; init; }
}

/// <summary>
/// The callback offered on entering: when the estimated wait is over <see cref="Above"/> (or, with <see cref="OutsideHours"/>,
/// the queue is closed) the caller hears <see cref="Prompt"/>: 1 keeps their place and calls back their own number, 2 asks
/// for another number (<see cref="NumberPrompt"/>, ended by #), anything else or silence keeps them waiting.
/// </summary>
public sealed record CallbackOfferSettings(TimeSpan Above, bool OutsideHours, string Prompt, string NumberPrompt, string DonePrompt)
{
    /// <summary>How long the caller has to press a key after the offer, and between the digits of another number.</summary>
    public TimeSpan KeyTimeout { get; init; } = TimeSpan.FromSeconds(6);
}

/// <summary>The periodic announcement: "callers ahead of you: N; expected wait: M minutes".</summary>
public sealed record AnnounceSettings(TimeSpan Every, string PositionPrompt, string WaitPrompt, string MinutesPrompt);

/// <summary>Opening hours: time ranges on working days of the working-day calendar.</summary>
public sealed record HoursSettings(string Name, string Windows, string TimeZone);

/// <summary>Everything seats/queues.yaml configures.</summary>
public sealed record SeatsConfig(string DialTarget, IReadOnlyDictionary<string, QueueSettings> Queues, IReadOnlyDictionary<string, HoursSettings> Calendars)
{
    /// <summary>The dial string of a seat: the deployment's template with {seat} replaced.</summary>
    public string DialStringOf(string seat) => DialTarget.Replace("{seat}", seat, StringComparison.Ordinal);
}
