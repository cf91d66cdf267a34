using Ivr.Ari.Models;
using Ivr.Service.Calls.Records;
using Ivr.Service.Campaigns;

namespace Ivr.Service.Calls.Outbound;

/// <summary>
/// Follows one originated call through its ARI events as a real Asterisk 22 sends them (traces originate-failures,
/// dial-create): Dial statuses of both Local legs (Dial events, or the far leg's DIALSTATUS variable when its
/// dialplan dials the trunk), StasisStart when answered, hang-up causes, and the destruction of
/// the dialled channel, which ends it. A Local channel's <c>;1</c> leg is destroyed with cause 0 on busy or congestion;
/// the real cause (17, 34) comes with the <c>;2</c> leg, possibly just after.
/// </summary>
public sealed class DialTracker(string channelId, string otherChannelId)
{
    readonly TaskCompletionSource _gone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource _farGone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Lock _gate = new();
    readonly List<int> _causes = [];
    string? _dialStatus;

    public string ChannelId => channelId;
    public string OtherChannelId => otherChannelId;
    public bool Answered { get; private set; }
    public CallRecord? Record { get; private set; }

    /// <summary>Completes when the dialled channel has been destroyed.</summary>
    public Task Gone => _gone.Task;

    /// <summary>Completes when the far Local leg has been destroyed.</summary>
    public Task FarGone => _farGone.Task;

    public bool Owns(string id) => id == channelId || id == otherChannelId;

    /// <summary>Takes what the event says about this call; false when it is about other channels.</summary>
    public bool Observe(Message message)
    {
        lock (_gate)
            switch (message)
            {
                case Dial d when Owns(d.Peer.Id) || d.Caller is { } c && Owns(c.Id):
                    if (d.Dialstatus.Length > 0) _dialStatus = d.Dialstatus;
                    return true;
                // Dial() in the far Local leg's dialplan (the outbound context) reports its status as this variable.
                case ChannelVarset { Variable: "DIALSTATUS" } v when v.Channel is { } ch && Owns(ch.Id) && v.Value.Length > 0:
                    _dialStatus = v.Value;
                    return true;
                case StasisStart s when s.Channel.Id == channelId:
                    Answered = true;
                    return true;
                case ChannelHangupRequest h when Owns(h.Channel.Id) && h.Soft != true && h.Cause is > 0 and var cause:
                    _causes.Add(cause);
                    return true;
                case ChannelDestroyed d when Owns(d.Channel.Id):
                    if (d.Cause > 0) _causes.Add(d.Cause);
                    (d.Channel.Id == channelId ? _gone : _farGone).TrySetResult();
                    return true;
                default:
                    return false;
            }
    }

    /// <summary>The record of the answered call, from the call records when the menu call ends.</summary>
    public void Recorded(CallRecord record)
    {
        lock (_gate) Record = record;
    }

    /// <summary>How the call ended, from what was observed.</summary>
    public DialResult Result()
    {
        lock (_gate)
        {
            var cause = _causes.Count > 0 ? _causes[0] : (int?)null;
            if (Answered)
            {
                var keys = Record?.Keys ?? "";
                return new DialResult(keys.Length > 0 ? DialOutcome.Confirmed : DialOutcome.AnsweredAndListened, cause, keys);
            }
            if (_causes.Contains(CallRejected)) return new DialResult(DialOutcome.Rejected, CallRejected);
            // A Local leg ends with cause 0 or 16 after its Dial() returned: the far end's own cause is the one to report.
            int Either(int expected) => _causes.Contains(expected) || cause is null or 0 or NormalClearing ? expected : cause.Value;
            return _dialStatus switch
            {
                "BUSY" => new DialResult(DialOutcome.Busy, Either(UserBusy)),
                "NOANSWER" or "RINGING" or "CANCEL" => new DialResult(DialOutcome.NoAnswer, Either(NoAnswer)),
                "CONGESTION" => new DialResult(DialOutcome.TrunkFull, Either(Congestion)),
                _ => cause switch
                {
                    UserBusy => new DialResult(DialOutcome.Busy, cause),
                    NoUserResponding or NoAnswer => new DialResult(DialOutcome.NoAnswer, cause),
                    Congestion => new DialResult(DialOutcome.TrunkFull, cause),
                    _ => new DialResult(DialOutcome.Failed, cause),
                },
            };
        }
    }

    const int NormalClearing = 16, UserBusy = 17, NoUserResponding = 18, NoAnswer = 19, CallRejected = 21, Congestion = 34;
}
