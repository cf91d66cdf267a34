namespace Ivr.Simulator.Seats;

/// <summary>How a virtual agent phone answers a call to its PJSIP endpoint.</summary>
public sealed record SeatBehavior
{
    /// <summary>Rings this long, then answers; null never answers (the caller's Dial times out).</summary>
    public TimeSpan? AnswerAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Rejects every call as busy (cause 17).</summary>
    public bool Busy { get; init; }
}
