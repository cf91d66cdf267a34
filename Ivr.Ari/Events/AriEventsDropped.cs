using Ivr.Ari.Models;

namespace Ivr.Ari.Events;

/// <summary>
/// Not sent by Asterisk: the dispatcher puts this on a lane in place of events it had to drop because the lane (or all
/// lanes together) was full. It sits exactly where the missing events were, so the handler knows that its view of this
/// channel is stale from here and must re-read it over REST (<c>GET /channels/{id}</c>, <c>GET /playbacks/{id}</c>).
/// </summary>
public sealed record AriEventsDropped : Message
{
    public const string TypeName = "AriEventsDropped";

    public AriEventsDropped() => Type = TypeName;

    /// <summary>The lane that lost events.</summary>
    public AriEventKey Key { get; init; }

    /// <summary>How many events were dropped at this point of the lane.</summary>
    public int Count { get; internal set; }
}
