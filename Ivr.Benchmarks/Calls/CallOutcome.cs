namespace Ivr.Benchmarks.Calls;

/// <summary>How one virtual caller's invoice check went.</summary>
/// <param name="ChannelId">The ivr leg the service controlled.</param>
/// <param name="Result">The result prompt heard (e.g. <c>sound:invoice-match</c>), null when the call failed.</param>
/// <param name="Keys">When each key went out to the service as ChannelDtmfReceived, in order.</param>
/// <param name="Failure">Why the call did not reach a result, null when it did.</param>
/// <param name="Length">Real time from dialling to the hang-up.</param>
public sealed record CallOutcome(string ChannelId, string? Result, IReadOnlyList<DateTimeOffset> Keys, string? Failure, TimeSpan Length);
