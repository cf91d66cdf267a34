namespace Ivr.Service.Calls.Records;

/// <summary>
/// A call record still being built, as kept beside the call's state in Redis: whoever takes the call over (another
/// instance, or this one restarted) goes on with the same record — same id, so a record closed twice is stored once —
/// instead of starting one without the path, keys and actions that came before.
/// </summary>
public sealed record TraceSnapshot(
    Guid Id, string Direction, string CallerNumber, string DialledNumber, string Entry, string? CampaignCallId,
    DateTimeOffset StartedAt, DateTimeOffset? AnsweredAt, string Language, IReadOnlyList<PathStep> Path, IReadOnlyList<ActionStep> Actions,
    IReadOnlyList<TypedAhead> TypeAhead, bool Queued, bool EndedByMenu, int? HangupCause);

/// <summary>A key pressed during a prompt that no node has taken yet, and the path step it was pressed in.</summary>
public sealed record TypedAhead(int PathIndex, char Key);
