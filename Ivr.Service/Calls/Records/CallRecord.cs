namespace Ivr.Service.Calls.Records;

/// <summary>
/// One finished call as stored in <c>call_records</c>. Keys in <see cref="Path"/> are already masked where the menu
/// collects invoice numbers, taxpayer ids or phone numbers, so nothing downstream can leak them.
/// </summary>
public sealed record CallRecord
{
    public required Guid Id { get; init; }
    public required string ChannelId { get; init; }
    public required string Direction { get; init; }
    public required string CallerNumber { get; init; }
    public required string DialledNumber { get; init; }
    public required string Entry { get; init; }
    public string? CampaignCallId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public required DateTimeOffset EndedAt { get; init; }
    public required string Language { get; init; }
    public required string MenuRevision { get; init; }
    public required IReadOnlyList<PathStep> Path { get; init; }
    public required IReadOnlyList<ActionStep> Actions { get; init; }
    public required string Outcome { get; init; }
    public int? HangupCause { get; init; }

    /// <summary>Every key pressed during the call, masked digits included as <c>*</c>, in order.</summary>
    public string Keys => string.Concat(Path.Select(p => p.Keys));
}

/// <summary>A node the call entered (<paramref name="At"/> ms after the start) and the keys pressed while it was current.</summary>
public sealed record PathStep(long At, string Node, string Keys = "");

/// <summary>A host action the menu ran and the result code it answered (null when the caller hung up first).</summary>
public sealed record ActionStep(long At, string Action, string? Result);

/// <summary>How a call ended for the hotline's statistics.</summary>
public static class CallOutcomes
{
    /// <summary>A self-service action answered the caller (invoice checked, deadline told, ...) and no seat was needed.</summary>
    public const string SelfServed = "self_served";
    /// <summary>The menu handed the caller to a seat queue.</summary>
    public const string Queued = "queued";
    /// <summary>The caller hung up before being served.</summary>
    public const string Abandoned = "abandoned";
    /// <summary>A back end failed (an action answered <c>error</c>) and nothing else served the caller.</summary>
    public const string Error = "error";
}

public static class CallDirections
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
}
