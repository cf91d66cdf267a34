namespace Ivr.Service.Calls.Outbound;

/// <summary>
/// What an outbound call carries into Stasis as <c>appArgs</c>: the menu entry to run, our call id and the number
/// dialled. Inbound calls enter from the dialplan without them, so their args are empty.
/// </summary>
public sealed record OutboundCallArgs(string Entry, string CallId, string Phone)
{
    /// <summary>The comma-separated appArgs of an originate (ARI splits them back into a list).</summary>
    public string ToAppArgs() => $"{Entry},{CallId},{Phone}";

    /// <summary>The args of a StasisStart, or null when the channel is not one of ours (an inbound call).</summary>
    public static OutboundCallArgs? From(IReadOnlyList<string> args) =>
        args is [var entry, var callId, var phone] && entry.StartsWith("campaign:", StringComparison.Ordinal) ? new(entry, callId, phone) : null;
}
