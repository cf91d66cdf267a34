using Ivr.Service.Calls.Outbound;
using Ivr.Service.Campaigns;
using Npgsql;

namespace Ivr.Service.Seats.Callbacks;

/// <summary>
/// Callback legs in <c>outbound_dials</c> beside campaign calls: a row when a leg is originated, settled with how it ended.
/// Without the call records database nothing is written. A database outage is logged and the callback still placed:
/// the row is for operators, the call is what the taxpayer was promised.
/// </summary>
sealed partial class CallbackDials(OutboundDialStore? store, TimeProvider time, ILogger logger)
{
    const int UserBusy = 17, NoUserResponding = 18, NoAnswer = 19, CallRejected = 21, Congestion = 34;

    public async Task BeginAsync(CallbackCall cb, string leg)
    {
        if (store is null) return;
        var seatLeg = leg == cb.SeatLeg;
        var dial = new CallbackDial(leg, cb.Id, cb.Attempt + 1, seatLeg, cb.Seat, seatLeg ? cb.Seat : cb.Number);
        try
        {
            if (!await store.TryBeginCallbackAsync(dial, time.GetUtcNow(), CancellationToken.None)) LogLegTwice(logger, cb.Id, leg);
        }
        catch (NpgsqlException e)
        {
            LogNotRecorded(logger, cb.Id, leg, e.Message);
        }
    }

    /// <summary>Settles the leg's row; a row already settled keeps its first outcome.</summary>
    public async Task FinishAsync(string callback, string leg, DialResult result)
    {
        if (store is null) return;
        try
        {
            await store.FinishAsync(leg, result, time.GetUtcNow(), CancellationToken.None);
        }
        catch (NpgsqlException e)
        {
            LogNotRecorded(logger, callback, leg, e.Message);
        }
    }

    /// <summary>How a leg that was never answered ended, from its hangup cause (null: Asterisk gave none).</summary>
    public static DialResult Unanswered(int? cause) => cause switch
    {
        UserBusy => new DialResult(DialOutcome.Busy, cause),
        NoUserResponding or NoAnswer => new DialResult(DialOutcome.NoAnswer, cause),
        CallRejected => new DialResult(DialOutcome.Rejected, cause),
        Congestion => new DialResult(DialOutcome.TrunkFull, cause),
        _ => new DialResult(DialOutcome.Failed, cause),
    };

    [LoggerMessage(EventId = 7038, Level = LogLevel.Warning, Message = "callback {Callback}: leg {Leg} already has a dial row; not counted twice")]
    static partial void LogLegTwice(ILogger logger, string callback, string leg);

    [LoggerMessage(EventId = 7039, Level = LogLevel.Error, Message = "callback {Callback}: dial row of leg {Leg} not written ({Error}); the call goes on")]
    static partial void LogNotRecorded(ILogger logger, string callback, string leg, string error);
}
