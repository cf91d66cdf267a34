using Ivr.Ari;
using Ivr.Ari.Errors;
using Ivr.Ari.Models;
using Ivr.Menus.Engine;
using Ivr.Service.Calls.State;

namespace Ivr.Service.Calls.Menu;

/// <summary>
/// Runs every call entering the Stasis application through the menus: the dialled number picks the entry, and the call
/// keeps the menu revision it started with when the menus are reloaded. Each call's state is kept in Redis after every
/// turn (<see cref="CallStates"/>), so calls survive a lost socket, a restart of this service, or its death.
/// </summary>
public sealed partial class MenuCalls(IConfiguration config, MenuCallSetup setup, IActionInvoker actions, TimeProvider time,
    ILoggerFactory loggers, Ivr.Service.SelfService.Hours.OpenCalendars? calendars = null, Records.ICallRecorder? records = null,
    Outbound.IOutboundChannels? outbound = null, Seats.IQueueRouter? queues = null, IMenuSms? sms = null,
    Ivr.Service.Menus.Production.MenuDeployment? deployment = null) : StasisCallHost<MenuCall>(config, loggers)
{
    /// <summary>Menus compare dates of the hotline's callers, who are in China whatever the server's zone.</summary>
    static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    readonly ILogger _logger = loggers.CreateLogger<MenuCalls>();
    readonly CallStates _states = new(CallStateSettings.From(config), loggers.CreateLogger<CallStates>());
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<MenuCall?>>> _claims = new(StringComparer.Ordinal);

    protected override ILogger Logger => _logger;

    protected override string ConnectionDetail => $"; calls run menu revision {setup.Menus.Current.Revision}";

    /// <summary>This instance's id in the call state (the owner of its calls).</summary>
    public string InstanceId => _states.InstanceId;

    /// <summary>Channels of the calls this instance runs now.</summary>
    public IReadOnlyCollection<string> RunningCalls => Calls.Keys.ToList();

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (setup.LocalProblems.Count > 0)
        {
            LogStoredRevisionStandsIn(_logger, setup.Menus.Current.Revision, setup.LocalProblems.Count);
            foreach (var problem in setup.LocalProblems) LogLocalProblem(_logger, problem);
        }
        await _states.OpenAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task RunBesideAsync(CancellationToken stoppingToken) => _states.KeepAliveAsync(SweepAsync, time, stoppingToken);

    protected override async Task OnStoppedAsync() => await _states.DisposeAsync();

    protected override async ValueTask OnEventAsync(AriClient ari, string server, Message message, CancellationToken ct)
    {
        // Outbound dials learn how their channels ring, answer and end from the same event stream.
        if (outbound is not null) await outbound.OnEventAsync(message, ct);
        // Seat legs this service originated and the keys of queued callers belong to the seats router.
        if (queues is not null && await queues.OnEventAsync(ari, message, ct)) return;
        switch (message)
        {
            case StasisStart start:
                await StartAsync(ari, server, start.Channel, Outbound.OutboundCallArgs.From(start.Args), ct);
                break;
            case ChannelHangupRequest { Soft: not true } request when Calls.TryGetValue(request.Channel.Id, out var c) && request.Cause is { } cause:
                c.Trace?.HangupCause(cause);
                break;
            case ChannelDtmfReceived dtmf when dtmf.Digit.Length == 1 && await CallAsync(ari, server, dtmf.Channel.Id, ct) is { } c:
                await c.DigitAsync(dtmf.Digit[0], ct);
                break;
            case PlaybackFinished finished when await CallAsync(ari, server, ChannelOf(finished.Playback.TargetUri), ct) is { } c
                                                && c.EnginePlaybackId(finished.Playback.Id) is { } id:
                await c.OnAsync(new CallEvent.PromptFinished(id), ct);
                break;
            case RecordingFinished done when await CallAsync(ari, server, ChannelOf(done.Recording.TargetUri), ct) is { } c:
                await c.RecordingFinishedAsync(done.Recording.Name, TimeSpan.FromSeconds(done.Recording.Duration ?? 0), ct);
                break;
            case RecordingFailed failed when await CallAsync(ari, server, ChannelOf(failed.Recording.TargetUri), ct) is { } c:
                // The engine has no failed-recording path yet; a caller left in silence is worse than a clear hang-up.
                LogRecordingFailed(_logger, c.ChannelId, failed.Recording.Cause ?? "unknown cause");
                await HangUpQuietlyAsync(ari, c.ChannelId, ct);
                break;
            // A call taken over through a subscription gets ChannelDestroyed, not StasisEnd (that goes to the app it is in).
            case StasisEnd or ChannelDestroyed:
                var channel = message is StasisEnd end ? end.Channel.Id : ((ChannelDestroyed)message).Channel.Id;
                if (Calls.TryRemove(channel, out var ending)) await EndAsync(ending, ct);
                else if (await _states.OrphanAsync(channel) is { } orphan && orphan.Server == server)
                    await TakeOverAsync(ari, orphan, channelGone: true, ct);
                break;
        }
    }

    async Task StartAsync(AriClient ari, string server, Channel channel, Outbound.OutboundCallArgs? dialled, CancellationToken ct)
    {
        var set = setup.Menus.Current;
        var entry = dialled?.Entry ?? channel.Dialplan.Exten;
        if (!set.Entries.ContainsKey(entry))
        {
            LogNoEntry(_logger, channel.Id, entry, set.Revision, string.Join(", ", set.Entries.Keys));
            await HangUpQuietlyAsync(ari, channel.Id, ct);
            return;
        }
        // Claimed before anything is said, so a call is run by one instance only.
        // An outbound call's menu speaks to the taxpayer it dialled: that number is the caller the menu's actions see.
        var caller = dialled?.Phone ?? channel.Caller.Number;
        var trace = records?.Begin(dialled is null
            ? new(channel.Id, Records.CallDirections.Inbound, caller, entry, entry, null, set)
            : new(channel.Id, Records.CallDirections.Outbound, channel.Caller.Number, dialled.Phone, entry, dialled.CallId, set));
        // The record starts in the claim, so an instance taking over a call that died before its first turn still has it.
        var claim = new CallSnapshot(channel.Id, server, Application, caller, entry, time.GetUtcNow(), "",
            new Dictionary<string, DateTimeOffset>(), null, 0, trace?.Snapshot());
        if (!await _states.StartAsync(claim))
        {
            LogOwnedElsewhere(_logger, channel.Id);
            return;
        }
        var call = NewCall(ari, server, channel.Id, new MenuEngine(set), trace);
        LogCallStarted(_logger, channel.Id, Masked(channel.Caller.Number), entry, set.Revision);
        await call.StartAsync(Started(caller, entry, null) with { Variables = dialled?.Variables }, ct);
    }

    MenuCall NewCall(AriClient ari, string server, string channel, MenuEngine engine, Records.CallTrace? trace = null)
    {
        var call = new MenuCall(ari, channel, engine, setup, actions, time, _logger, trace, _states.SaveAsync, server, Application, queues, sms);
        Calls[channel] = call;
        return call;
    }

    CallEvent.Started Started(string caller, string entry, string? language)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, China).DateTime);
        // Without calendars (call-control tests) none is open: menus take their closed-hours path.
        return new CallEvent.Started(caller, entry, language, today, calendars?.At(now) ?? new HashSet<string>());
    }

    /// <summary>
    /// The call an event is for: one this instance runs (moved to the connection the event came on: a persistent outbound
    /// socket is replaced when Asterisk reconnects), or one whose owner died, taken over on its first event.
    /// </summary>
    async ValueTask<MenuCall?> CallAsync(AriClient ari, string server, string? channel, CancellationToken ct)
    {
        if (channel is null) return null;
        if (Calls.TryGetValue(channel, out var call))
        {
            if (call.Released) return null;
            if (!ReferenceEquals(call.Ari, ari)) call.Rebind(ari);
            return call;
        }
        if (await _states.OrphanAsync(channel) is { } orphan && orphan.Server == server)
            return await TakeOverAsync(ari, orphan, channelGone: false, ct);
        return null;
    }

    /// <summary>The caller hung up (or the channel vanished): the engine is told, the call's state goes.</summary>
    async Task EndAsync(MenuCall call, CancellationToken ct)
    {
        if (!call.Released)
        {
            await call.HungUpAsync(ct);
            await _states.DeleteAsync(call.ChannelId);
        }
        await call.DisposeAsync();
        // A released call's record went on with the instance that took it over, which closes it.
        if (!call.Released) call.Trace?.End();
        LogCallEnded(_logger, call.ChannelId);
    }

    /// <summary>
    /// Takes a call of a dead instance over. Its channel gone: the normal end path runs, so whatever the call opened is
    /// closed. Still there: the call goes on from its state (the node's prompt again). A call of another Stasis application
    /// on the same Asterisk is subscribed to, so its events reach this one.
    /// </summary>
    async Task<MenuCall?> TakeOverAsync(AriClient ari, CallStateStore.Orphan orphan, bool channelGone, CancellationToken ct)
    {
        // The sweep and the call's own events may find the orphan at once: one takeover, which both wait for.
        var claim = _claims.GetOrAdd(orphan.Channel, _ => new(() => ClaimAndGoOnAsync(ari, orphan, channelGone, ct)));
        try { return await claim.Value; }
        finally { _claims.TryRemove(new(orphan.Channel, claim)); }
    }

    async Task<MenuCall?> ClaimAndGoOnAsync(AriClient ari, CallStateStore.Orphan orphan, bool channelGone, CancellationToken ct)
    {
        if (Calls.TryGetValue(orphan.Channel, out var running)) return running;
        if (await _states.ClaimAsync(orphan) is not { } snapshot) return null;
        channelGone = channelGone || await ari.Channels.GetAsync(orphan.Channel, ct).IgnoreNotFound() is null;
        var set = setup.Menus.Current;
        var revision = snapshot.EngineState.Length == 0 ? null : CallStateJson.Read(snapshot.EngineState).Revision;
        var problem = "";
        // Calls in progress keep their revision across a reload, also when another instance takes them over.
        if (revision is not null && revision != set.Revision)
        {
            (var kept, problem) = setup.Menus.TryRevision(revision) is { } loaded ? (loaded, "")
                : deployment is not null ? await deployment.FindRevisionAsync(revision, ct)
                : (null, "no menu_revisions to read it from (Menus:Postgres is not set)");
            if (kept is not null) set = kept;
        }
        var trace = snapshot.Trace is { } record && records is not null ? records.Resume(orphan.Channel, record, set) : null;
        if (revision != set.Revision)
        {
            // Never started, or its revision cannot be had here: only a fresh start of its entry is possible.
            LogRestarted(_logger, orphan.Channel, orphan.Owner, revision ?? "(none)", problem.Length == 0 ? "it had not started" : problem, set.Revision);
            if (channelGone)
            {
                await _states.DeleteAsync(orphan.Channel);
                trace?.End();
                return null;
            }
            var fresh = NewCall(ari, orphan.Server, orphan.Channel, new MenuEngine(set), trace);
            await SubscribeAsync(ari, snapshot, ct);
            await fresh.StartAsync(Started(snapshot.Caller, snapshot.Entry, null), ct);
            return fresh;
        }
        var call = NewCall(ari, orphan.Server, orphan.Channel, new MenuEngine(set), trace);
        await call.RestoreAsync(snapshot, ct);
        LogTakenOver(_logger, orphan.Channel, orphan.Owner, channelGone);
        if (channelGone)
        {
            if (Calls.TryRemove(orphan.Channel, out var gone)) await EndAsync(gone, ct);
            return null;
        }
        await SubscribeAsync(ari, snapshot, ct);
        await call.ResumeAsync(ct);
        return call;
    }

    async Task SubscribeAsync(AriClient ari, CallSnapshot snapshot, CancellationToken ct)
    {
        if (snapshot.Application == Application) return;
        try { await ari.Applications.SubscribeAsync(Application, ["channel:" + snapshot.Channel], ct); }
        catch (AriException e) when (e.IsNotFound || e.Kind == AriErrorKind.BadRequest) { LogChannelGone(_logger, snapshot.Channel, e.Message); }
    }

    /// <summary>Looks for calls of dead instances on the Asterisk servers this one is connected to.</summary>
    async Task SweepAsync(CancellationToken ct)
    {
        foreach (var orphan in await _states.OrphansAsync())
            if (ClientFor(orphan.Server) is { } ari)
            {
                try { await TakeOverAsync(ari, orphan, channelGone: false, ct); }
                catch (AriException e) when (e.IsTransient) { LogTakeoverFailed(_logger, e, orphan.Channel); }
            }
    }

    /// <summary>
    /// A socket is up again. Inbound, the events of the gap are lost: each call is read over REST (gone ⇒ closed; still
    /// there ⇒ what it waited on is checked), and a channel in the application that no instance runs (its StasisStart fell
    /// in the gap) is started now. A persistent outbound socket had its events queued: its calls only move to it.
    /// </summary>
    protected override async Task OnConnectedAsync(AriClient ari, string server, bool eventsLost, CancellationToken ct)
    {
        foreach (var call in Calls.Values.Where(c => c.Server == server)) call.Rebind(ari);
        if (!eventsLost) return;
        var app = await ari.Applications.GetAsync(Application, ct);
        var inApp = app.ChannelIds.ToHashSet(StringComparer.Ordinal);
        foreach (var call in Calls.Values.Where(c => c.Server == server).ToList())
        {
            if (!inApp.Contains(call.ChannelId) && await ari.Channels.GetAsync(call.ChannelId, ct).IgnoreNotFound() is null)
            {
                if (Calls.TryRemove(call.ChannelId, out var gone)) await EndAsync(gone, ct);
            }
            else
            {
                await call.ContinueAsync(ct);
            }
        }
        foreach (var channel in inApp.Where(c => !Calls.ContainsKey(c)))
        {
            if (await _states.OrphanAsync(channel) is { } orphan) await TakeOverAsync(ari, orphan, channelGone: false, ct);
            else if (!await _states.KeptAsync(channel) && await ari.Channels.GetAsync(channel, ct).IgnoreNotFound() is { } missed)
                await StartAsync(ari, server, missed, dialled: null, ct);
        }
    }

    /// <summary>A per-call socket closed before its StasisEnd: nobody can control the call any more, so it is closed.</summary>
    protected override async Task OnSocketClosedAsync(string server)
    {
        foreach (var call in Calls.Values.Where(c => c.Server == server).ToList())
            if (Calls.TryRemove(call.ChannelId, out var lost)) await EndAsync(lost, CancellationToken.None);
    }

    static string? ChannelOf(string targetUri) =>
        targetUri.StartsWith("channel:", StringComparison.Ordinal) ? targetUri["channel:".Length..] : null;

    /// <summary>Caller numbers are personal data: logs keep the first three and last two digits.</summary>
    static string Masked(string number) => number.Length <= 5 ? "***" : number[..3] + new string('*', number.Length - 5) + number[^2..];

    static async Task HangUpQuietlyAsync(AriClient ari, string channelId, CancellationToken ct)
    {
        try { await ari.Channels.HangupAsync(channelId, reason: "normal", cancellationToken: ct); }
        catch (AriException ex) when (ex.IsNotFound) { /* already gone */ }
    }

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information, Message = "call {Channel} from {Caller} to {Exten}: menu revision {Revision}")]
    static partial void LogCallStarted(ILogger logger, string channel, string caller, string exten, string revision);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Information, Message = "call {Channel} ended")]
    static partial void LogCallEnded(ILogger logger, string channel);

    [LoggerMessage(EventId = 6014, Level = LogLevel.Warning,
        Message = "call {Channel}: dialled {Exten} is not an entry of menu revision {Revision} (entries: {Entries}); hanging up")]
    static partial void LogNoEntry(ILogger logger, string channel, string exten, string revision, string entries);

    [LoggerMessage(EventId = 6015, Level = LogLevel.Error, Message = "call {Channel}: recording failed ({Cause}); hanging up")]
    static partial void LogRecordingFailed(ILogger logger, string channel, string cause);

    [LoggerMessage(EventId = 6016, Level = LogLevel.Information, Message = "call {Channel}: taken over from instance {Owner} (channel gone: {Gone})")]
    static partial void LogTakenOver(ILogger logger, string channel, string owner, bool gone);

    [LoggerMessage(EventId = 6017, Level = LogLevel.Warning,
        Message = "call {Channel} of instance {Owner}: its menu revision {Kept} cannot be had here ({Problem}); restarted at its entry with revision {Revision}")]
    static partial void LogRestarted(ILogger logger, string channel, string owner, string kept, string problem, string revision);

    [LoggerMessage(EventId = 6018, Level = LogLevel.Information, Message = "call {Channel}: another instance runs it; ignored here")]
    static partial void LogOwnedElsewhere(ILogger logger, string channel);

    [LoggerMessage(EventId = 6019, Level = LogLevel.Warning, Message = "call {Channel}: takeover failed, retried at the next sweep")]
    static partial void LogTakeoverFailed(ILogger logger, Exception ex, string channel);

    [LoggerMessage(EventId = 6025, Level = LogLevel.Error,
        Message = "the local menus do not load ({Count} problems below): calls run the active revision {Revision} from PostgreSQL until they are fixed")]
    static partial void LogStoredRevisionStandsIn(ILogger logger, string revision, int count);

    [LoggerMessage(EventId = 6026, Level = LogLevel.Error, Message = "{Problem}")]
    static partial void LogLocalProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 6024, Level = LogLevel.Debug, Message = "call {Channel}: channel gone while subscribing ({Message})")]
    static partial void LogChannelGone(ILogger logger, string channel, string message);
}
