using Ivr.Ari.Errors;
using Ivr.Service.Seats.Store;

namespace Ivr.Service.Seats.Routing;

/// <summary>The seat leg: offering by originate, answer into a mixing bridge, no answer, and the seat hanging up.</summary>
public sealed partial class QueueRouter
{
    /// <summary>Ring a little past the originate timeout before giving up ourselves: Asterisk's own timeout sends no final Dial.</summary>
    static readonly TimeSpan RingGrace = TimeSpan.FromSeconds(2);

    const string OfferArg = "seat-offer";

    async Task OfferAsync(SeatOffer offer)
    {
        var channel = offer.Call.StartsWith(_options.Instance + "/", StringComparison.Ordinal) ? offer.Call[(_options.Instance.Length + 1)..] : offer.Call;
        if (!_callers.TryGetValue(channel, out var caller) || caller.BoardId != offer.Call)
        {
            // The caller hung up between the claim and now: the seats are free again.
            foreach (var seat in offer.Seats) await _board.ReleaseAsync(seat, offer.Call, SeatRelease.CallerGone, _config.Queues[offer.Queue]);
            return;
        }
        await Guarded(caller, async () =>
        {
            if (caller.Phase != CallerPhase.Waiting)
            {
                foreach (var seat in offer.Seats) await _board.ReleaseAsync(seat, offer.Call, SeatRelease.CallerGone, caller.Queue);
                return;
            }
            caller.Phase = CallerPhase.Offered;
            caller.Offer = offer;
            var legs = offer.Seats.Select(seat => (Leg: $"seat-{seat}-{Guid.NewGuid():N}", Seat: seat)).ToList();
            foreach (var (leg, seat) in legs)
            {
                caller.Ringing[leg] = seat;
                _seatLegs[leg] = caller;
            }
            caller.RingTimer = _time.CreateTimer(_ => _ = Guarded(caller, () => RingTimedOutAsync(caller, offer)), null,
                caller.Queue.RingTimeout + RingGrace, Timeout.InfiniteTimeSpan);
            foreach (var (leg, seat) in legs)
            {
                if (caller.Phase != CallerPhase.Offered) break;
                LogOffering(_logger, caller.ChannelId, seat);
                try
                {
                    await _ari!.Channels.OriginateWithIdAsync(leg, _config.DialStringOf(seat), app: _options.Application,
                        appArgs: $"{OfferArg},{caller.ChannelId}", callerId: caller.Request.Caller, timeout: (int)Math.Ceiling(caller.Queue.RingTimeout.TotalSeconds));
                }
                catch (AriException e)
                {
                    LogOriginateFailed(_logger, caller.ChannelId, seat, e.Message);
                    await SeatMissedAsync(caller, leg);
                }
            }
        });
    }

    async Task RingTimedOutAsync(QueuedCaller caller, SeatOffer offer)
    {
        if (caller.Phase != CallerPhase.Offered || caller.Offer != offer) return;
        foreach (var leg in caller.Ringing.Keys.ToList())
        {
            await HangUpAsync(leg);
            await SeatMissedAsync(caller, leg);
        }
    }

    /// <summary>
    /// An offered seat did not take the call. When no other seat rings for the caller any more, the caller keeps its
    /// place and the next seat is tried.
    /// </summary>
    async Task SeatMissedAsync(QueuedCaller caller, string leg)
    {
        _seatLegs.TryRemove(leg, out _);
        if (!caller.Ringing.Remove(leg, out var seat)) return;
        var offer = caller.Offer!;
        var state = await _board.ReleaseAsync(seat, offer.Call, SeatRelease.Missed, caller.Queue);
        LogMissed(_logger, caller.ChannelId, seat, state?.ToString() ?? "released already");
        if (caller.Ringing.Count > 0) return;
        caller.RingTimer?.Dispose();
        caller.RingTimer = null;
        caller.Phase = CallerPhase.Waiting;
        caller.Offer = null;
        // The board no longer ties this caller to the seat, so it did not put the caller back in line: join again.
        if (state is null && await JoinAsync(caller, caller.Queue, keepScore: null) is null)
        {
            await FinishUnservedAsync(caller);
            return;
        }
        _ = MatchSoonAsync(caller.Queue);
    }

    /// <summary>The other seats ringing for the caller stop, free at their old place in the idle order, with no miss.</summary>
    async Task WithdrawRingingAsync(QueuedCaller caller, SeatRelease why)
    {
        foreach (var (leg, seat) in caller.Ringing.ToList())
        {
            caller.Ringing.Remove(leg);
            _seatLegs.TryRemove(leg, out _);
            await HangUpAsync(leg);
            await _board.ReleaseAsync(seat, caller.BoardId, why, caller.Queue);
        }
    }

    async Task SeatAnsweredAsync(QueuedCaller caller, string leg)
    {
        if (caller.Phase != CallerPhase.Offered || !caller.Ringing.TryGetValue(leg, out var seat))
        {
            _seatLegs.TryRemove(leg, out _);
            await HangUpAsync(leg);
            return;
        }
        if (!await _board.AnsweredAsync(seat, caller.BoardId, leg))
        {
            await HangUpAsync(leg);
            await SeatMissedAsync(caller, leg);
            return;
        }
        caller.Ringing.Remove(leg);
        caller.SeatChannel = leg;
        caller.Seat = seat;
        caller.RingTimer?.Dispose();
        caller.RingTimer = null;
        caller.AnnounceTimer?.Dispose();
        caller.MaxWaitTimer?.Dispose();
        caller.AnnounceTimer = caller.MaxWaitTimer = null;
        caller.Phase = CallerPhase.Talking;
        await WithdrawRingingAsync(caller, SeatRelease.Withdrawn);
        caller.Stage = OfferStage.None;
        var ari = _ari!;
        // A channel playback would hold the caller's command queue; stopping it is not queued.
        await StopPromptAsync(caller);
        await LeaveHoldAsync(caller);
        await ari.Bridges.CreateWithIdAsync(caller.CallBridge, type: "mixing");
        caller.Bridged = true;
        await ari.Bridges.AddChannelAsync(caller.CallBridge, [caller.ChannelId, leg]);
        if (caller.Queue.Record)
            await ari.Bridges.RecordAsync(caller.CallBridge, $"seatcall-{caller.ChannelId}", "wav", ifExists: "overwrite");
        LogTalking(_logger, caller.ChannelId, seat);
    }

    /// <summary>The seat leg ended: unanswered (busy, no answer) or after talking, when the caller goes on to the survey.</summary>
    async Task SeatGoneAsync(QueuedCaller caller, string leg)
    {
        if (caller.Phase == CallerPhase.Offered && caller.Ringing.ContainsKey(leg))
        {
            await SeatMissedAsync(caller, leg);
            return;
        }
        if (caller.Phase != CallerPhase.Talking || caller.SeatChannel != leg) return;
        _seatLegs.TryRemove(leg, out _);
        caller.Phase = CallerPhase.Done;
        _callers.TryRemove(caller.ChannelId, out _);
        await _board.ReleaseAsync(caller.Seat!, caller.BoardId, SeatRelease.Ended, caller.Queue);
        LogSeatHungUp(_logger, caller.ChannelId, caller.Seat!);
        await DestroyBridgeAsync(caller.CallBridge);
        caller.Bridged = false;
        _ = Task.Run(() => caller.Finished(true));
        _ = MatchSoonAsync(caller.Queue);
    }

    async Task LeaveHoldAsync(QueuedCaller caller)
    {
        if (!caller.Holding) return;
        caller.Holding = false;
        // Removing the last member also stops the bridge music; no BridgeDestroyed comes for a deleted holding bridge.
        await DestroyBridgeAsync(caller.HoldBridge);
    }

    async Task DestroyBridgeAsync(string bridge)
    {
        try { await _ari!.Bridges.DestroyAsync(bridge); }
        catch (AriException e) when (e.IsNotFound) { }
    }

    async Task HangUpAsync(string channel)
    {
        try { await _ari!.Channels.HangupAsync(channel, reason: "normal"); }
        catch (AriException e) when (e.IsNotFound) { }
    }

    async Task MatchSoonAsync(Config.QueueSettings queue)
    {
        await Task.Yield();
        await MatchAsync(queue);
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "call {Channel}: offering seat {Seat}")]
    static partial void LogOffering(ILogger logger, string channel, string seat);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "call {Channel}: originate to seat {Seat} failed ({Message})")]
    static partial void LogOriginateFailed(ILogger logger, string channel, string seat, string message);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Information, Message = "call {Channel}: seat {Seat} did not answer; seat is now {State}")]
    static partial void LogMissed(ILogger logger, string channel, string seat, string state);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Information, Message = "call {Channel}: talking to seat {Seat}")]
    static partial void LogTalking(ILogger logger, string channel, string seat);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Information, Message = "call {Channel}: seat {Seat} hung up; the caller goes on in the menu")]
    static partial void LogSeatHungUp(ILogger logger, string channel, string seat);
}
