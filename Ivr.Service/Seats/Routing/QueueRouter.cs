using System.Collections.Concurrent;
using Ivr.Ari;
using Ivr.Ari.Errors;
using Ivr.Ari.Models;
using Ivr.Service.Calendar;
using Ivr.Service.Calls.Outbound;
using Ivr.Service.Seats.Callbacks;
using Ivr.Service.Seats.Config;
using Ivr.Service.Seats.Store;
using StackExchange.Redis;

namespace Ivr.Service.Seats.Routing;

/// <summary>What a router instance needs besides the board: its name on the board, the ARI application and the tick.</summary>
public sealed record RouterOptions(string Instance, string Application)
{
    /// <summary>How often queues are matched without a trigger (wrap-up ends, missed wake-ups).</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Attempts to reach a taxpayer (busy, no answer) before the callback is given up.</summary>
    public int CallbackAttempts { get; init; } = 3;

    public TimeSpan CallbackRetryDelay { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan CallbackRingTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long this router counts as alive without a heartbeat; then its waiting callers may be adopted.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// This instance's side of the live seats: callers wait in a holding bridge with queue music, hear position and wait
/// announcements on their own channel (a bridge playback would fight the music for the one announcer slot), and are
/// bridged with the seat the shared board assigns them. The seat leg is watched, not the caller: when a bridged seat
/// hangs up, Asterisk tells the caller's channel nothing.
/// </summary>
public sealed partial class QueueRouter : BackgroundService, IQueueRouter
{
    readonly SeatBoard _board;
    readonly SeatsConfig _config;
    readonly RouterOptions _options;
    readonly TimeProvider _time;
    readonly ILogger _logger;
    readonly IConnectionMultiplexer _redis;
    readonly IReadOnlyDictionary<string, CallingWindows> _hours;
    readonly ConcurrentDictionary<string, QueuedCaller> _callers = new();
    readonly ConcurrentDictionary<string, QueuedCaller> _seatLegs = new();
    readonly SemaphoreSlim _draining = new(1, 1);
    AriClient? _ari;

    readonly CallbackLine _callbacks;
    readonly ICallbackJobs _jobs;
    readonly ConcurrentDictionary<string, CallbackCall> _callbackLegs = new();
    readonly OutboundTrunk _trunk;
    readonly CallbackDials _dials;

    /// <summary>
    /// Without <paramref name="trunk"/>, callbacks dial through a trunk of their own with the default Outbound settings;
    /// without <paramref name="dials"/> (no call records database) their legs leave no dial rows.
    /// </summary>
    public QueueRouter(SeatBoard board, IConnectionMultiplexer redis, SeatsConfig config, WorkingDayCalendar calendar, RouterOptions options,
        TimeProvider time, ILogger logger, ICallbackJobs? jobs = null, AriClient? ari = null, OutboundTrunk? trunk = null,
        OutboundDialStore? dials = null)
    {
        _dials = new CallbackDials(dials, time, logger);
        _trunk = trunk ?? new OutboundTrunk(new OutboundDialOptions());
        // REST only: events keep coming through the call host's one socket. Callbacks may start before any call event.
        _ari = ari;
        (_board, _redis, _config, _options, _time, _logger) = (board, redis, config, options, time, logger);
        _callbacks = new CallbackLine(redis, board);
        _jobs = jobs ?? new InProcessCallbackJobs(time) { Router = this };
        _hours = config.Calendars.ToDictionary(c => c.Key, c => CallingWindows.Parse(c.Value.Windows, c.Value.TimeZone, calendar));
    }

    /// <summary>Callers of this instance in the seat part of their call.</summary>
    public int CallersHere => _callers.Count;

    public async Task<bool> EnterAsync(AriClient ari, QueueRequest request, Func<bool, Task> finished, CancellationToken ct)
    {
        _ari = ari;
        if (!_config.Queues.TryGetValue(request.Queue, out var queue))
        {
            LogUnknownQueue(_logger, request.ChannelId, request.Queue);
            return false;
        }
        var caller = new QueuedCaller(request, queue, finished, _options.Instance);
        await caller.Gate.WaitAsync(ct);
        try
        {
            // Known before it is in line: another instance may match it at once and post the offer here.
            _callers[caller.ChannelId] = caller;
            if (await JoinAsync(caller, queue, keepScore: null) is not { } joined)
            {
                if (queue.CallbackOffer is { OutsideHours: true } offer && IsClosed(queue))
                {
                    // Closed: nobody to wait for, but the callback is still offered and placed when seats are back.
                    caller.InLine = false;
                    await OfferCallbackAsync(caller, offer);
                    return true;
                }
                _callers.TryRemove(caller.ChannelId, out _);
                return false;
            }
            caller.Queue = joined;
            if (!await HoldAsync(ari, caller, ct)) return true;
            StartWaitTimers(caller);
            await OfferCallbackIfLongAsync(caller);
        }
        finally
        {
            caller.Gate.Release();
        }
        await MatchAsync(caller.Queue);
        return true;
    }

    /// <summary>
    /// Goes on with a caller whose router is gone (or this one before a restart): the board entry is adopted in the same
    /// place in line, the caller gets music again and is offered the next seat. False when the board has no such caller.
    /// </summary>
    public async Task<bool> ResumeAsync(AriClient ari, QueueRequest request, Func<bool, Task> finished, CancellationToken ct)
    {
        _ari = ari;
        var caller = new QueuedCaller(request, _config.Queues.Values.First(), finished, _options.Instance);
        await caller.Gate.WaitAsync(ct);
        try
        {
            // Known before it is adopted: a match may post its offer here at once.
            _callers[caller.ChannelId] = caller;
            if (await _board.AdoptAsync(request.ChannelId, caller.BoardId, _options.Instance) is not { } adopted
                || !_config.Queues.TryGetValue(adopted.Queue, out var queue))
            {
                _callers.TryRemove(caller.ChannelId, out _);
                return false;
            }
            caller.Queue = queue;
            LogAdopted(_logger, caller.ChannelId, adopted.Queue, adopted.Position);
            if (adopted is { Seat: { } seat, Leg: { Length: > 0 } leg })
            {
                await WatchTalkingAsync(ari, caller, seat, leg, ct);
                return true;
            }
            // The gone router's holding bridge may still play; this router holds the caller in a bridge of its own.
            await DestroyBridgeAsync(caller.HoldBridge);
            if (!await HoldAsync(ari, caller, ct)) return true;
            StartWaitTimers(caller, adopted.Waited);
        }
        finally
        {
            caller.Gate.Release();
        }
        await MatchAsync(caller.Queue);
        return true;
    }

    /// <summary>
    /// An adopted caller already talks to a seat in the gone router's mixing bridge: this router watches the seat leg
    /// (subscribed, as it lives in the other application) so the seat hanging up still takes the caller to the survey.
    /// </summary>
    async Task WatchTalkingAsync(AriClient ari, QueuedCaller caller, string seat, string leg, CancellationToken ct)
    {
        caller.Phase = CallerPhase.Talking;
        (caller.Seat, caller.SeatChannel, caller.Bridged) = (seat, leg, true);
        _seatLegs[leg] = caller;
        try { await ari.Applications.SubscribeAsync(_options.Application, ["channel:" + leg], ct); }
        catch (AriException e) when (e.IsNotFound || e.StatusCode == 422) { }
        // The seat may have hung up while nobody watched.
        if (await ari.Channels.GetAsync(leg, ct).IgnoreNotFound() is null) await SeatGoneAsync(caller, leg);
    }

    /// <summary>The caller waits in a holding bridge with the queue's music; false when the caller hung up meanwhile.</summary>
    async Task<bool> HoldAsync(AriClient ari, QueuedCaller caller, CancellationToken ct)
    {
        try
        {
            await ari.Bridges.CreateWithIdAsync(caller.HoldBridge, type: "holding", cancellationToken: ct);
            caller.Holding = true;
            await ari.Bridges.AddChannelAsync(caller.HoldBridge, [caller.ChannelId], role: "participant", cancellationToken: ct);
            // A lone holding-bridge participant hears nothing without an announcer: the music is the announcer.
            await ari.Bridges.StartMohAsync(caller.HoldBridge, caller.Queue.MohClass, ct);
            return true;
        }
        catch (AriException e) when (e.IsNotFound)
        {
            // The caller hung up while joining; the StasisEnd that follows takes it out of line.
            LogChannelGone(_logger, caller.ChannelId, e.Message);
            return false;
        }
    }

    /// <summary>Puts the caller in line in <paramref name="queue"/> or the first overflow queue that takes it; null when none does.</summary>
    async Task<QueueSettings?> JoinAsync(QueuedCaller caller, QueueSettings queue, string? keepScore)
    {
        var tried = new HashSet<string>(StringComparer.Ordinal);
        for (var q = queue; q is not null && tried.Add(q.Name); q = q.Overflow is { } o ? _config.Queues.GetValueOrDefault(o) : null)
        {
            var refusal = IsClosed(q) ? "closed" : null;
            if (refusal is null)
            {
                var (position, why) = await _board.EnqueueAsync(q, caller.BoardId, _options.Instance, caller.Request.Skill, caller.Request.Priority, keepScore);
                if (position is { } p)
                {
                    LogQueued(_logger, caller.ChannelId, q.Name, p);
                    return q;
                }
                refusal = why;
            }
            LogRefused(_logger, caller.ChannelId, q.Name, refusal!);
        }
        return null;
    }

    bool IsClosed(QueueSettings q)
    {
        if (q.Hours is null || !_hours.TryGetValue(q.Hours, out var windows)) return false;
        try { return !windows.IsOpen(_time.GetUtcNow()); }
        catch (CalendarNotCoveredException e)
        {
            LogCalendarGap(_logger, q.Hours, e.Message);
            return true;
        }
    }

    /// <summary>The wait limit counts from joining the queue: a caller taken over has <paramref name="waited"/> already.</summary>
    void StartWaitTimers(QueuedCaller caller, TimeSpan waited = default)
    {
        caller.MaxWaitTimer?.Dispose();
        var left = caller.Queue.MaxWait - waited;
        caller.MaxWaitTimer = _time.CreateTimer(_ => _ = Guarded(caller, () => WaitedTooLongAsync(caller)), null,
            left > TimeSpan.Zero ? left : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        caller.AnnounceTimer?.Dispose();
        if (caller.Queue.Announce is { } a)
            caller.AnnounceTimer = _time.CreateTimer(_ => _ = Guarded(caller, () => AnnounceAsync(caller)), null, a.Every, a.Every);
    }

    /// <summary>Runs the routing decisions for a queue, then takes this instance's offers.</summary>
    async Task MatchAsync(QueueSettings queue)
    {
        try
        {
            await _board.MatchAsync(queue);
            await DrainAsync();
        }
        catch (RedisException e)
        {
            LogBoardFailed(_logger, e, queue.Name);
        }
    }

    async Task DrainAsync()
    {
        if (!await _draining.WaitAsync(0)) return;
        try
        {
            foreach (var offer in await _board.TakeOffersAsync(_options.Instance)) await OfferAsync(offer);
            // Whichever instance takes a callback offer first has it placed; the list pop hands each to one instance.
            foreach (var offer in await _board.TakeOffersAsync(CallbackLine.Inbox)) _jobs.Place(offer.Call, offer.Seat);
        }
        finally
        {
            _draining.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HeartbeatAsync();
        await _redis.GetSubscriber().SubscribeAsync(_board.InboxChannel(_options.Instance), (_, _) => _ = DrainSafelyAsync());
        using var tick = new PeriodicTimer(_options.Tick, _time);
        try
        {
            while (await tick.WaitForNextTickAsync(stoppingToken))
            {
                await HeartbeatAsync();
                foreach (var queue in _config.Queues.Values) await MatchAsync(queue);
            }
        }
        catch (OperationCanceledException) { }
        await _redis.GetSubscriber().UnsubscribeAsync(_board.InboxChannel(_options.Instance));
        // Nothing more is done for this instance's callers; another router (or this one restarted) adopts them at once.
        foreach (var caller in _callers.Values)
        {
            caller.StopTimers();
            caller.Phase = CallerPhase.Done;
        }
        try { await _board.RetireAsync(_options.Instance); }
        catch (RedisException e) { LogBoardFailed(_logger, e, "retiring"); }
    }

    async Task HeartbeatAsync()
    {
        try { await _board.HeartbeatAsync(_options.Instance, _options.Lease); }
        catch (RedisException e) { LogBoardFailed(_logger, e, "heartbeat"); }
    }

    async Task DrainSafelyAsync()
    {
        try { await DrainAsync(); }
        catch (RedisException e) { LogBoardFailed(_logger, e, "inbox"); }
    }

    /// <summary>Runs a change of one caller under its gate; a failure is logged, never thrown into a timer or the event reader.</summary>
    Task Guarded(QueuedCaller caller, Func<Task> action) => Guarded(caller.Gate, caller.ChannelId, action);

    async Task Guarded(SemaphoreSlim gate, string who, Func<Task> action)
    {
        await gate.WaitAsync();
        try { await action(); }
        // Bridge operations answer 400 "Channel not found" for a leg that just hung up: its StasisEnd follows.
        catch (AriException e) when (e.IsNotFound || e.Message.Contains("Channel not found", StringComparison.Ordinal))
        {
            LogChannelGone(_logger, who, e.Message);
        }
        catch (Exception e) { LogStepFailed(_logger, e, who); }
        finally { gate.Release(); }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "call {Channel}: queue '{Queue}' is not in the queues file; no seat")]
    static partial void LogUnknownQueue(ILogger logger, string channel, string queue);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "call {Channel}: queued in {Queue} at position {Position}")]
    static partial void LogQueued(ILogger logger, string channel, string queue, int position);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "call {Channel}: queue {Queue} refuses the caller ({Why})")]
    static partial void LogRefused(ILogger logger, string channel, string queue, string why);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Debug, Message = "call {Channel}: channel gone during a seat step ({Message})")]
    static partial void LogChannelGone(ILogger logger, string channel, string message);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error, Message = "seat board unreachable while routing {Queue}")]
    static partial void LogBoardFailed(ILogger logger, Exception e, string queue);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "call {Channel}: a seat step failed")]
    static partial void LogStepFailed(ILogger logger, Exception e, string channel);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Information, Message = "call {Channel}: taken over in queue {Queue} at position {Position}")]
    static partial void LogAdopted(ILogger logger, string channel, string queue, int position);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "calendar {Calendar} has no working-day data for today, so it counts as closed: {Message}")]
    static partial void LogCalendarGap(ILogger logger, string calendar, string message);
}
