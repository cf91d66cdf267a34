using Ivr.Ari;
using Ivr.Ari.Models;
using Ivr.Service.Seats.Store;

namespace Ivr.Service.Seats.Routing;

/// <summary>The caller's side: ARI events, keys while waiting, the wait limit, announcements and hanging up.</summary>
public sealed partial class QueueRouter
{
    const string AnnouncePrefix = "seatq-";

    public async ValueTask<bool> OnEventAsync(AriClient ari, Message message, CancellationToken ct)
    {
        _ari ??= ari;
        switch (message)
        {
            case StasisStart start when start.Args is [OfferArg, ..]:
                if (_seatLegs.TryGetValue(start.Channel.Id, out var offered))
                    await Guarded(offered, () => SeatAnsweredAsync(offered, start.Channel.Id));
                else
                    await HangUpAsync(start.Channel.Id); // an offer this instance no longer knows (e.g. from before a restart)
                return true;
            case StasisEnd or ChannelDestroyed when EndedLeg(message) is { } leg && _seatLegs.TryGetValue(leg, out var seatCaller):
                await Guarded(seatCaller, () => SeatGoneAsync(seatCaller, leg));
                return true;
            case StasisStart start when start.Args is [CallbackSeatArg or CallbackTaxpayerArg, ..]:
                if (_callbackLegs.TryGetValue(start.Channel.Id, out var up)) await GuardedCallback(up, () => CallbackLegUpAsync(up, start.Channel.Id));
                else await HangUpAsync(start.Channel.Id);
                return true;
            case StasisEnd or ChannelDestroyed when EndedLeg(message) is { } leg && _callbackLegs.TryGetValue(leg, out var down):
                await GuardedCallback(down, () => CallbackLegGoneAsync(down, leg, EndOf(down, leg, (message as ChannelDestroyed)?.Cause)));
                return true;
            case ChannelDestroyed or ChannelStateChange or ChannelHangupRequest or Dial or ChannelVarset or ChannelDialplan
                when ChannelOf(message) is { } id && (id.StartsWith("seat-", StringComparison.Ordinal) || id.StartsWith("cb", StringComparison.Ordinal)):
                return true;
            case ChannelDtmfReceived dtmf when _callers.TryGetValue(dtmf.Channel.Id, out var caller):
                if (caller.Stage != OfferStage.None)
                    await Guarded(caller, () => CallbackKeyAsync(caller, dtmf.Digit));
                else if (caller.Queue.LeaveKey is { } key && dtmf.Digit == key.ToString())
                    await Guarded(caller, () => LeaveByKeyAsync(caller));
                return true;
            case PlaybackFinished finished when finished.Playback.Id.StartsWith(AnnouncePrefix, StringComparison.Ordinal):
                if (_callers.TryGetValue(finished.Playback.TargetUri.Replace("channel:", "", StringComparison.Ordinal), out var listener))
                    await Guarded(listener, () => PromptFinishedAsync(listener, finished.Playback.Id));
                return true;
            // A caller taken over through a subscription gets ChannelDestroyed, not StasisEnd (that goes to its own application).
            case StasisEnd or ChannelDestroyed when EndedLeg(message) is { } ended && _callers.TryGetValue(ended, out var gone):
                await Guarded(gone, () => CallerGoneAsync(gone));
                return false; // the menu call ends too
            default:
                return false;
        }
    }

    static string? EndedLeg(Message message) => message switch
    {
        StasisEnd m => m.Channel.Id,
        ChannelDestroyed m => m.Channel.Id,
        _ => null,
    };

    static string? ChannelOf(Message message) => message switch
    {
        ChannelDestroyed m => m.Channel.Id,
        ChannelStateChange m => m.Channel.Id,
        ChannelHangupRequest m => m.Channel.Id,
        Dial m => m.Peer.Id,
        ChannelVarset m => m.Channel?.Id,
        ChannelDialplan m => m.Channel.Id,
        _ => null,
    };

    /// <summary>The caller hung up: out of line, a ringing seat is freed, a talking seat hung up and put in wrap-up.</summary>
    async Task CallerGoneAsync(QueuedCaller caller)
    {
        var phase = caller.Phase;
        caller.Phase = CallerPhase.Done;
        caller.StopTimers();
        _callers.TryRemove(caller.ChannelId, out _);
        switch (phase)
        {
            case CallerPhase.Waiting:
                // False when the board offered a seat at this very moment: that offer finds no caller and frees the seat.
                await _board.LeaveAsync(caller.BoardId, abandoned: true);
                LogAbandoned(_logger, caller.ChannelId, caller.Queue.Name);
                break;
            case CallerPhase.Offered:
                await WithdrawRingingAsync(caller, SeatRelease.CallerGone);
                LogAbandoned(_logger, caller.ChannelId, caller.Queue.Name);
                _ = MatchSoonAsync(caller.Queue);
                break;
            case CallerPhase.Talking:
                _seatLegs.TryRemove(caller.SeatChannel!, out _);
                await _board.ReleaseAsync(caller.Seat!, caller.BoardId, SeatRelease.Ended, caller.Queue);
                await HangUpAsync(caller.SeatChannel!);
                break;
        }
        if (caller.Holding) await DestroyBridgeAsync(caller.HoldBridge);
        if (caller.Bridged) await DestroyBridgeAsync(caller.CallBridge);
    }

    /// <summary>The caller pressed the queue's leave key: out of line to the menu's no-seat path (callback offer, voicemail).</summary>
    async Task LeaveByKeyAsync(QueuedCaller caller)
    {
        if (caller.Phase != CallerPhase.Waiting || !await _board.LeaveAsync(caller.BoardId, abandoned: false)) return;
        LogLeftByKey(_logger, caller.ChannelId, caller.Queue.Name);
        await FinishUnservedAsync(caller);
    }

    /// <summary>Waited the queue's limit: the overflow queue keeps the caller's music, else the menu's no-seat path.</summary>
    async Task WaitedTooLongAsync(QueuedCaller caller)
    {
        if (caller.Phase != CallerPhase.Waiting || !await _board.LeaveAsync(caller.BoardId, abandoned: false)) return;
        LogWaitedTooLong(_logger, caller.ChannelId, caller.Queue.Name);
        if (caller.Queue.Overflow is { } o && _config.Queues.TryGetValue(o, out var overflow) && await JoinAsync(caller, overflow, null) is { } joined)
        {
            caller.Queue = joined;
            StartWaitTimers(caller);
            _ = MatchSoonAsync(joined);
            return;
        }
        await FinishUnservedAsync(caller);
    }

    async Task FinishUnservedAsync(QueuedCaller caller)
    {
        caller.Phase = CallerPhase.Done;
        caller.StopTimers();
        _callers.TryRemove(caller.ChannelId, out _);
        await StopPromptAsync(caller);
        await LeaveHoldAsync(caller);
        _ = Task.Run(() => caller.Finished(false));
    }

    /// <summary>Position and expected wait, played to the caller's channel: it replaces the music for this caller only.</summary>
    async Task AnnounceAsync(QueuedCaller caller)
    {
        if (caller.Phase != CallerPhase.Waiting || caller.Announcing is not null || caller.Stage != OfferStage.None
            || caller.Queue.Announce is not { } announce) return;
        var line = await _board.ViewAsync(caller.Queue, caller.BoardId);
        if (line.Position == 0) return;
        await PlayToCallerAsync(caller, WaitEstimate.Announcement(announce, line, caller.Request.Language));
    }

    /// <summary>Plays to the caller's channel (replacing the music for this caller only until it ends); returns the playback id.</summary>
    async Task<string> PlayToCallerAsync(QueuedCaller caller, IReadOnlyList<string> media)
    {
        var id = $"{AnnouncePrefix}{caller.ChannelId}-{++caller.Announcements}";
        caller.Announcing = id;
        await _ari!.Channels.PlayWithIdAsync(caller.ChannelId, id, media, lang: caller.Request.SoundFolder);
        return id;
    }

    async Task StopPromptAsync(QueuedCaller caller)
    {
        if (caller.Announcing is not { } playing) return;
        caller.Announcing = null;
        try { await _ari!.Playbacks.StopAsync(playing); }
        catch (Ivr.Ari.Errors.AriException e) when (e.IsNotFound) { }
    }

    [LoggerMessage(EventId = 7020, Level = LogLevel.Information, Message = "call {Channel}: caller hung up while in queue {Queue}")]
    static partial void LogAbandoned(ILogger logger, string channel, string queue);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Information, Message = "call {Channel}: caller left queue {Queue} by key")]
    static partial void LogLeftByKey(ILogger logger, string channel, string queue);

    [LoggerMessage(EventId = 7022, Level = LogLevel.Information, Message = "call {Channel}: waited the limit of queue {Queue}")]
    static partial void LogWaitedTooLong(ILogger logger, string channel, string queue);
}
