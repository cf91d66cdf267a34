using Ivr.Ari;
using Ivr.Ari.Errors;
using Ivr.Service.Campaigns;
using Ivr.Service.Seats.Callbacks;
using Ivr.Service.Seats.Store;

namespace Ivr.Service.Seats.Routing;

/// <summary>Queued callbacks: registered in line, placed seat first when the board offers them a seat, retried by policy.</summary>
public sealed partial class QueueRouter
{
    const string CallbackSeatArg = "callback-seat";
    const string CallbackTaxpayerArg = "callback-taxpayer";

    public async Task<bool> RegisterCallbackAsync(string queue, string number, string channelId)
    {
        if (!_config.Queues.TryGetValue(queue, out var q))
        {
            LogUnknownQueue(_logger, channelId, queue);
            return false;
        }
        try
        {
            var id = await _callbacks.RegisterAsync(q, number, _options.Instance + "/" + channelId);
            LogCallbackRegistered(_logger, channelId, id, queue);
        }
        catch (ArgumentException e)
        {
            LogCallbackRefused(_logger, channelId, e.Message);
            return false;
        }
        _ = MatchSoonAsync(q);
        return true;
    }

    /// <summary>The placement job: runs once per offer (the board refuses duplicates), calls the first leg the queue names.</summary>
    public async Task PlaceCallbackAsync(string boardId, string seat)
    {
        var ari = _ari ?? throw new InvalidOperationException("no ARI connection yet to place a callback; the job is retried");
        var id = boardId[(CallbackLine.Inbox.Length + 1)..];
        if (!await _board.ClaimPlacementAsync(boardId, seat))
        {
            LogCallbackDuplicate(_logger, id, seat);
            return;
        }
        if (await _callbacks.GetAsync(id) is not { } record || !_config.Queues.TryGetValue(record.Queue, out var queue))
        {
            await _board.ReleaseAsync(seat, boardId, SeatRelease.CallerGone, _config.Queues.Values.First());
            return;
        }
        var cb = new CallbackCall(id, seat, record.Number, queue, record.Attempts);
        // The taxpayer's trunk channel is taken before anything rings, so a seat is never left holding for a full trunk.
        if (!_trunk.TryTake(cb.TaxpayerLeg))
        {
            await _board.ReleaseAsync(seat, boardId, SeatRelease.CallerGone, queue);
            await _callbacks.SetAsync(id, CallbackLine.TrunkFull, record.Attempts);
            _jobs.Retry(id, record.Attempts, _options.CallbackRetryDelay);
            LogCallbackTrunkFull(_logger, id, _trunk.Options.MaxChannels);
            _ = MatchSoonAsync(queue);
            return;
        }
        await _callbacks.SetAsync(id, "placing", record.Attempts);
        _callbackLegs[cb.FirstLeg] = cb;
        LogCallbackPlacing(_logger, id, seat, cb.FirstLeg == cb.SeatLeg ? "seat" : "taxpayer");
        await GuardedCallback(cb, () => RingCallbackLegAsync(ari, cb, cb.FirstLeg));
    }

    /// <summary>
    /// Originates one leg of a callback with its ring timer, the taxpayer's on the outbound trunk; a failed originate is
    /// that leg gone.
    /// </summary>
    async Task RingCallbackLegAsync(AriClient ari, CallbackCall cb, string leg)
    {
        var seat = leg == cb.SeatLeg;
        var ring = seat ? cb.Queue.RingTimeout : _options.CallbackRingTimeout;
        cb.RingTimer?.Dispose();
        cb.RingTimer = _time.CreateTimer(_ => _ = GuardedCallback(cb, () => CallbackRingTimedOutAsync(cb, leg)), null, ring + RingGrace, Timeout.InfiniteTimeSpan);
        await _dials.BeginAsync(cb, leg);
        try
        {
            if (seat)
                await ari.Channels.OriginateWithIdAsync(leg, _config.DialStringOf(cb.Seat), app: _options.Application,
                    appArgs: $"{CallbackSeatArg},{cb.Id}", callerId: "12366", timeout: (int)Math.Ceiling(ring.TotalSeconds));
            else
                await _trunk.OriginateAsync(ari, leg, cb.Number, _options.Application, $"{CallbackTaxpayerArg},{cb.Id}", ring, CancellationToken.None);
        }
        catch (Exception e) when (e is AriException or ArgumentException)
        {
            LogOriginateFailed(_logger, cb.Id, seat ? cb.Seat : "taxpayer", e.Message);
            await CallbackLegGoneAsync(cb, leg, new DialResult(DialOutcome.Failed));
        }
    }

    /// <summary>The retry job: the callback goes back to its old place in line once per attempt.</summary>
    public async Task RetryCallbackAsync(string id, int attempt)
    {
        if (await _callbacks.GetAsync(id) is not { } record || !_config.Queues.TryGetValue(record.Queue, out var queue)) return;
        if (record.State == CallbackLine.TrunkFull ? await _callbacks.ReturnAsync(queue, record) : await _callbacks.RequeueAsync(queue, record, attempt))
            await MatchAsync(queue);
    }

    async Task CallbackLegUpAsync(CallbackCall cb, string leg)
    {
        var ari = _ari!;
        var first = leg == cb.FirstLeg && cb.Phase == CallbackPhase.FirstRinging;
        if (!first && !(leg == cb.SecondLeg && cb.Phase == CallbackPhase.SecondRinging))
        {
            await HangUpAsync(leg);
            return;
        }
        cb.AnsweredLegs.Add(leg);
        // The seat is claimed from the offer on; answering makes it busy, unless the offer went stale meanwhile.
        if (leg == cb.SeatLeg && !await _board.AnsweredAsync(cb.Seat, cb.BoardId))
        {
            await HangUpAsync(leg);
            await CallbackLegGoneAsync(cb, leg, EndOf(cb, leg, cause: null));
            return;
        }
        cb.RingTimer?.Dispose();
        if (first)
        {
            cb.Phase = CallbackPhase.SecondRinging;
            _callbackLegs[cb.SecondLeg] = cb;
            await ari.Bridges.CreateWithIdAsync(cb.Bridge, type: "mixing");
            await ari.Bridges.AddChannelAsync(cb.Bridge, [leg]);
            await ari.Bridges.StartMohAsync(cb.Bridge, cb.Queue.MohClass);
            await RingCallbackLegAsync(ari, cb, cb.SecondLeg);
            return;
        }
        cb.Phase = CallbackPhase.Talking;
        await ari.Bridges.StopMohAsync(cb.Bridge);
        await ari.Bridges.AddChannelAsync(cb.Bridge, [leg]);
        await _callbacks.SetAsync(cb.Id, "talking", cb.Attempt);
        LogCallbackTalking(_logger, cb.Id, cb.Seat);
    }

    async Task CallbackRingTimedOutAsync(CallbackCall cb, string leg)
    {
        if (!_callbackLegs.ContainsKey(leg) || cb.Phase is CallbackPhase.Talking or CallbackPhase.Done) return;
        await HangUpAsync(leg);
        await CallbackLegGoneAsync(cb, leg, EndOf(cb, leg, cause: null, unanswered: DialOutcome.NoAnswer));
    }

    /// <summary>How a leg ended for its dial row: answered whoever hung up, else by the cause (or what we know instead).</summary>
    static DialResult EndOf(CallbackCall cb, string leg, int? cause, DialOutcome? unanswered = null) =>
        cb.AnsweredLegs.Contains(leg) ? new DialResult(DialOutcome.Answered, cause)
        : unanswered is { } known ? new DialResult(known, cause)
        : CallbackDials.Unanswered(cause);

    /// <summary>
    /// A leg ended. Seat never answered: a miss, the callback keeps its place (a taxpayer already on hold is let go).
    /// Taxpayer unreachable (or the seat left while it rang): the seat is freed and the callback retried later at its old
    /// place, up to the attempt limit. After talking: the other leg is hung up and the seat enters wrap-up. Each leg's
    /// dial row is settled once, when it leaves <c>_callbackLegs</c>; a leg we hang up while it rings counts as no answer.
    /// </summary>
    async Task CallbackLegGoneAsync(CallbackCall cb, string leg, DialResult result)
    {
        if (!_callbackLegs.TryRemove(leg, out _)) return;
        await _dials.FinishAsync(cb.Id, leg, result);
        if (cb.Phase == CallbackPhase.Done) return;
        var phase = cb.Phase;
        var seatMissed = leg == cb.SeatLeg && !cb.SeatUp;
        cb.Phase = CallbackPhase.Done;
        _trunk.Release(cb.TaxpayerLeg);
        cb.RingTimer?.Dispose();
        var other = leg == cb.SeatLeg ? cb.TaxpayerLeg : cb.SeatLeg;
        if (_callbackLegs.TryRemove(other, out _))
        {
            await HangUpAsync(other);
            await _dials.FinishAsync(cb.Id, other, EndOf(cb, other, cause: null, unanswered: DialOutcome.NoAnswer));
        }
        if (phase != CallbackPhase.FirstRinging) await DestroyBridgeAsync(cb.Bridge);
        switch (phase)
        {
            case not CallbackPhase.Talking when seatMissed:
                await _board.ReleaseAsync(cb.Seat, cb.BoardId, SeatRelease.Missed, cb.Queue);
                await _callbacks.SetAsync(cb.Id, "waiting", cb.Attempt);
                _ = MatchSoonAsync(cb.Queue);
                break;
            case not CallbackPhase.Talking:
                await _board.ReleaseAsync(cb.Seat, cb.BoardId, SeatRelease.CallerGone, cb.Queue);
                var attempt = cb.Attempt + 1;
                if (attempt < _options.CallbackAttempts)
                {
                    await _callbacks.SetAsync(cb.Id, "retrying", attempt);
                    _jobs.Retry(cb.Id, attempt, _options.CallbackRetryDelay);
                }
                else await _callbacks.SetAsync(cb.Id, "failed", attempt);
                LogCallbackUnreached(_logger, cb.Id, attempt, _options.CallbackAttempts);
                _ = MatchSoonAsync(cb.Queue);
                break;
            case CallbackPhase.Talking:
                await _board.ReleaseAsync(cb.Seat, cb.BoardId, SeatRelease.Ended, cb.Queue);
                await _callbacks.SetAsync(cb.Id, "done", cb.Attempt);
                LogCallbackDone(_logger, cb.Id);
                _ = MatchSoonAsync(cb.Queue);
                break;
        }
    }

    Task GuardedCallback(CallbackCall cb, Func<Task> action) => Guarded(cb.Gate, cb.Id, action);

    [LoggerMessage(EventId = 7030, Level = LogLevel.Information, Message = "call {Channel}: callback {Callback} registered in queue {Queue}")]
    static partial void LogCallbackRegistered(ILogger logger, string channel, string callback, string queue);

    [LoggerMessage(EventId = 7031, Level = LogLevel.Warning, Message = "call {Channel}: callback refused: {Why}")]
    static partial void LogCallbackRefused(ILogger logger, string channel, string why);

    [LoggerMessage(EventId = 7032, Level = LogLevel.Information, Message = "callback {Callback}: placement for seat {Seat} already ran or is stale; nothing placed")]
    static partial void LogCallbackDuplicate(ILogger logger, string callback, string seat);

    [LoggerMessage(EventId = 7033, Level = LogLevel.Information, Message = "callback {Callback} for seat {Seat}: calling the {First} first")]
    static partial void LogCallbackPlacing(ILogger logger, string callback, string seat, string first);

    [LoggerMessage(EventId = 7034, Level = LogLevel.Information, Message = "callback {Callback}: taxpayer and seat {Seat} talking")]
    static partial void LogCallbackTalking(ILogger logger, string callback, string seat);

    [LoggerMessage(EventId = 7035, Level = LogLevel.Information, Message = "callback {Callback}: taxpayer not reached (attempt {Attempt} of {Attempts})")]
    static partial void LogCallbackUnreached(ILogger logger, string callback, int attempt, int attempts);

    [LoggerMessage(EventId = 7036, Level = LogLevel.Information, Message = "callback {Callback}: done")]
    static partial void LogCallbackDone(ILogger logger, string callback);

    [LoggerMessage(EventId = 7037, Level = LogLevel.Information, Message = "callback {Callback}: all {Channels} outbound trunk channels in use; retried later, no attempt spent")]
    static partial void LogCallbackTrunkFull(ILogger logger, string callback, int channels);
}
