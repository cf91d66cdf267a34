using Ivr.Ari.Events;
using Ivr.Ari.Models;

namespace Ivr.Ari.Handles;

/// <summary>
/// An outgoing channel created with a client-chosen id. <see cref="AriHandle{TResult}.Completion"/> completes when the
/// channel enters the application (StasisStart: answered) or is destroyed first (busy, no answer, congestion, failure).
/// A failed originate still answers 200, so only these events tell the outcome.
/// </summary>
public sealed class OriginateHandle : AriHandle<OriginateResult>
{
    internal OriginateHandle(string channelId, string? otherChannelId) : base(AriEventKey.Channel(channelId))
    {
        ChannelId = channelId;
        OtherChannelId = otherChannelId;
    }

    /// <summary>The id of the originated channel (the <c>;1</c> leg of a Local channel).</summary>
    public string ChannelId { get; }

    /// <summary>The id given to the <c>;2</c> leg of a Local channel, if any.</summary>
    public string? OtherChannelId { get; }

    /// <summary>The REST answer (state <c>Down</c>); set once the request returned.</summary>
    public Channel? Channel { get; internal set; }

    /// <summary>The last Dial status seen for the channel (RINGING, BUSY, ...), the reason when it never answers.</summary>
    public string? LastDialStatus { get; private set; }

    internal override bool Observe(Message message)
    {
        switch (message)
        {
            case Dial d when d.Peer.Id == ChannelId && d.Dialstatus.Length > 0:
                LastDialStatus = d.Dialstatus;
                return false;
            case StasisStart s:
                return Complete(new OriginateResult(OriginateStatus.InApplication, s.Channel, null, null, LastDialStatus));
            default:
                return false;
        }
    }

    internal override OriginateResult ChannelGone(Message cause) => cause switch
    {
        ChannelDestroyed d => new(OriginateStatus.Failed, d.Channel, d.Cause, d.CauseTxt, LastDialStatus),
        _ => new(OriginateStatus.Failed, null, null, null, LastDialStatus),
    };

    internal override OriginateResult ConnectionLost() => new(OriginateStatus.ConnectionLost, null, null, null, LastDialStatus);
}

/// <summary>Where an originated channel got to.</summary>
public enum OriginateStatus
{
    /// <summary>It entered the Stasis application (the far end answered).</summary>
    InApplication,
    /// <summary>
    /// It was destroyed before entering the application. <see cref="OriginateResult.LastDialStatus"/> says why (BUSY,
    /// CONGESTION, RINGING for no answer, none when the extension does not exist); for a Local channel the <c>;1</c>
    /// leg's own cause is 0 except for no answer (19): the 17 or 34 goes to the <c>;2</c> leg.
    /// </summary>
    Failed,
    /// <summary>The event connection dropped before either happened; GET the channel to learn more.</summary>
    ConnectionLost,
}

/// <summary>The outcome of an originate: the channel, and for a failure its hangup cause and the last Dial status.</summary>
public sealed record OriginateResult(OriginateStatus Status, Channel? Channel, int? Cause, string? CauseText, string? LastDialStatus);
