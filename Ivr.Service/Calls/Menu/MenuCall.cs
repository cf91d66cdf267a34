using Ivr.Ari;
using Ivr.Ari.Errors;
using Ivr.Menus.Engine;
using Ivr.Service.Calls.State;

namespace Ivr.Service.Calls.Menu;

/// <summary>
/// One answered call running a menu revision: feeds ARI events to the pure engine and carries out its commands. Events
/// of one channel arrive in order from the dispatcher; the turn orders them against the call's timers and action results.
/// After each turn the call is handed to <paramref name="save"/> (Redis), so another instance can go on with it.
/// </summary>
public sealed partial class MenuCall(AriClient ari, string channelId, MenuEngine engine, MenuCallSetup setup, IActionInvoker actions,
    TimeProvider time, ILogger logger, Records.CallTrace? trace = null, Func<CallSnapshot, Task<bool>>? save = null, string server = "", string application = "",
    Seats.IQueueRouter? queues = null, IMenuSms? sms = null) : IAsyncDisposable
{
    readonly SemaphoreSlim _turn = new(1, 1);
    readonly Dictionary<string, ITimer> _timers = [];
    readonly Dictionary<string, DateTimeOffset> _timerDue = [];
    readonly CancellationTokenSource _gone = new();
    AriClient _ari = ari;
    DateTimeOffset _startedAt = time.GetUtcNow();
    CallState? _state;
    string? _recording;
    int _recordings;
    bool _hungUp;
    readonly CallListening? _speech = setup.Speech is { } input ? new CallListening(input, setup.Keywords, channelId, logger) : null;

    public string ChannelId => channelId;

    CallEvent.Started? _started;

    public Task StartAsync(CallEvent.Started started, CancellationToken ct)
    {
        _started = started;
        return Turn(_ => Traced(null, started, engine.Start(started)), ct, starting: true);
    }

    public Task OnAsync(CallEvent e, CancellationToken ct) => Turn(state => Traced(state, e, engine.Handle(state, e)), ct);

    /// <summary>The call record being built (null when records are off).</summary>
    public Records.CallTrace? Trace => trace;

    Step Traced(CallState? before, CallEvent e, Step step)
    {
        trace?.Observe(before, e, step);
        return step;
    }

    /// <summary>A key; it also ends listening for a spoken answer, so the key is the caller's one answer.</summary>
    public Task DigitAsync(char key, CancellationToken ct) => Turn(state =>
    {
        _speech?.Stop();
        var digit = new CallEvent.Digit(key, time.GetUtcNow() - _startedAt);
        return Traced(state, digit, engine.Handle(state, digit));
    }, ct);

    /// <summary>
    /// A spoken answer came: a choice goes to the engine as speech (or as its key, see <see cref="MenuKeywords.EventFor"/>);
    /// anything else leaves the menu waiting, as the engine does with speech that names no option, and its timer (held
    /// while the caller spoke) then gives the no-input path.
    /// </summary>
    async Task HeardAsync(CallListening.Listen listen, Ivr.Service.Speech.Input.SpokenAnswer answer)
    {
        string? held = null;
        await Turn(state =>
        {
            if (!_speech!.Finish(listen, answer, state, out held) || Released || answer.Match is not { } match
                || engine.Set.Node(state.Node) is not Ivr.Menus.Model.ChoiceNode menu)
                return new Step(state, [], []);
            var chosen = MenuKeywords.EventFor(menu, match, time.GetUtcNow() - _startedAt);
            return Traced(state, chosen, engine.Handle(state, chosen));
        }, CancellationToken.None);
        if (held is not null) await OnAsync(new CallEvent.TimerFired(held), CancellationToken.None);
    }

    /// <summary>The connection the call's requests go through (a persistent outbound socket is replaced when Asterisk reconnects).</summary>
    public AriClient Ari => _ari;

    public void Rebind(AriClient client) => _ari = client;

    /// <summary>Which Asterisk the call lives on (as the host names it).</summary>
    public string Server => server;

    /// <summary>The menu revision the call runs.</summary>
    public string Revision => engine.Set.Revision;

    /// <summary>Another instance took the call over (this one was thought dead): this one no longer acts on it.</summary>
    public bool Released { get; private set; }

    /// <summary>What another instance needs to go on with the call; only timers the state still waits on are kept.</summary>
    public CallSnapshot? Snapshot()
    {
        if (_state is not { } state || _started is not { } started) return null;
        var timers = _timerDue.Where(t => t.Key == state.Timer || t.Key == state.OverallTimer).ToDictionary();
        return new CallSnapshot(channelId, server, application, started.Caller, started.Entry, _startedAt, CallStateJson.Write(state), timers,
            _recording, _recordings, trace?.Snapshot());
    }

    async Task SaveAsync()
    {
        if (save is null || _state is null or { Ended: true } || Released || Snapshot() is not { } snapshot) return;
        try
        {
            if (await save(snapshot)) return;
            Released = true;
            foreach (var timer in _timers.Values) timer.Dispose();
            _timers.Clear();
            LogReleased(logger, channelId);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            // The call goes on here; only a takeover after a crash would miss this turn.
            LogNotSaved(logger, e, channelId);
        }
    }

    /// <summary>
    /// Picks the call up from its snapshot (another instance ran it, or this one before a restart); <see cref="ResumeAsync"/>
    /// then goes on with it, or <see cref="HungUpAsync"/> closes it. Timers due
    /// are armed again for what remains of them; a recording that ended meanwhile is finished; an action whose answer was
    /// lost gets the declared <c>error</c> result (running it again could file a complaint twice); otherwise the caller
    /// hears the current node's prompt again (<see cref="MenuEngine.Resume"/>).
    /// </summary>
    public async Task RestoreAsync(CallSnapshot snapshot, CancellationToken ct)
    {
        var state = CallStateJson.Read(snapshot.EngineState);
        await _turn.WaitAsync(ct);
        try
        {
            _state = state;
            _started = new CallEvent.Started(snapshot.Caller, snapshot.Entry, state.Language, state.Today, state.OpenCalendars);
            _startedAt = snapshot.StartedAt;
            (_recording, _recordings) = (snapshot.Recording, snapshot.Recordings);
            foreach (var (id, due) in snapshot.Timers) Arm(id, Max(due - time.GetUtcNow(), TimeSpan.Zero));
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Goes on with a restored call (see <see cref="RestoreAsync"/>).</summary>
    public async Task ResumeAsync(CancellationToken ct)
    {
        switch (_state?.Waiting)
        {
            case Waiting.Recording:
                await ContinueAsync(ct);
                break;
            case Waiting.Action:
                await OnAsync(new CallEvent.ActionCompleted("error", new Dictionary<string, string>()), ct);
                break;
            case Waiting.Seat when queues is not null:
                // The seats router adopts the caller in its place in line; a caller it does not find has no seat coming.
                if (!await queues.ResumeAsync(_ari, QueueRequestFor("", null, 0), SeatFinishedAsync, ct))
                    await SeatFinishedAsync(talked: false);
                break;
            default:
                if (_speech is not null && _state is { } waiting) await _speech.DiscardLeftoverAsync(_ari, waiting, engine.Set);
                await Turn(s => engine.Resume(s), ct);
                break;
        }
    }

    /// <summary>
    /// After this instance's event socket came back: events of the gap are lost, so what the call waited on is read over
    /// REST. A prompt that ended meanwhile finishes now; one still playing will send its own PlaybackFinished. Timers kept
    /// running here all along.
    /// </summary>
    public async Task ContinueAsync(CancellationToken ct)
    {
        if (_state is not { Ended: false } state) return;
        if (state.Playback is { } playback)
        {
            if (await _ari.Playbacks.GetAsync(AriPlaybackId(playback), ct).IgnoreNotFound() is null)
                await OnAsync(new CallEvent.PromptFinished(playback), ct);
        }
        else if (state.Waiting == Waiting.Recording && _recording is { } name && await _ari.Recordings.GetLiveAsync(name, ct).IgnoreNotFound() is null)
        {
            // The stored file is there, but its length went with the lost RecordingFinished.
            await OnAsync(new CallEvent.RecordingFinished(name, TimeSpan.Zero), ct);
        }
    }

    Seats.QueueRequest QueueRequestFor(string queue, string? skill, int priority)
    {
        var language = _state?.Language ?? "";
        return new Seats.QueueRequest(channelId, queue, skill, priority, _started?.Caller ?? "", language, setup.Prompts.FolderOf(language));
    }

    Task SeatFinishedAsync(bool talked) => OnAsync(new CallEvent.SeatFinished(talked), CancellationToken.None);

    static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The channel is gone: the engine is told, and nothing more is sent to Asterisk for it.</summary>
    public Task HungUpAsync(CancellationToken ct) => Turn(state =>
    {
        _hungUp = true;
        return Traced(state, new CallEvent.HungUp(), engine.Handle(state, new CallEvent.HungUp()));
    }, ct);

    public Task RecordingFinishedAsync(string name, TimeSpan length, CancellationToken ct) =>
        name == _recording ? OnAsync(new CallEvent.RecordingFinished(name, length), ct) : Task.CompletedTask;

    /// <summary>Playback ids are global in Asterisk, so the engine's own ids are made unique by the channel id.</summary>
    public string AriPlaybackId(string engineId) => $"{channelId}-{engineId}";

    public string? EnginePlaybackId(string ariPlaybackId) =>
        ariPlaybackId.StartsWith(channelId + "-", StringComparison.Ordinal) ? ariPlaybackId[(channelId.Length + 1)..] : null;

    async Task Turn(Func<CallState, Step> first, CancellationToken ct, bool starting = false)
    {
        await _turn.WaitAsync(ct);
        try
        {
            // Answers the host produces itself (a refused queue, an empty playback) are fed back within the same turn.
            var pending = new Queue<Func<CallState, Step>>([first]);
            while (pending.TryDequeue(out var next))
            {
                // A call whose start failed has no state: later events have nothing to act on.
                if (_state is { Ended: true } || (_state is null && !starting)) return;
                var step = next(_state!);
                _state = step.State;
                if (starting) await AnswerAsync(step.State.Language, ct);
                starting = false;
                foreach (var command in step.Commands)
                    if (await ExecuteAsync(command, ct) is { } answer) pending.Enqueue(s => Traced(s, answer, engine.Handle(s, answer)));
            }
            _speech?.Consider(_state!, engine.Set, _ari, _hungUp || Released, HeardAsync);
            await SaveAsync();
        }
        catch (AriException ex) when (ex.IsNotFound)
        {
            // The caller hung up while we were acting: the StasisEnd that follows ends the call.
            LogChannelGone(logger, channelId, ex.Message);
        }
        finally
        {
            _turn.Release();
        }
    }

    async Task AnswerAsync(string language, CancellationToken ct)
    {
        await _ari.Channels.AnswerAsync(channelId, ct);
        await _ari.Channels.SetChannelVarAsync(channelId, "CHANNEL(language)", setup.Prompts.FolderOf(language), cancellationToken: ct);
    }

    async Task<CallEvent?> ExecuteAsync(CallCommand command, CancellationToken ct)
    {
        switch (command)
        {
            case CallCommand.StartTimer t:
                Arm(t.TimerId, t.After);
                return null;
            case CallCommand.CancelTimer c:
                CancelTimer(c.TimerId);
                return null;
            case CallCommand.InvokeAction a:
                _ = RunActionAsync(a);
                return null;
            case CallCommand.EnterQueue q when queues is not null && !_hungUp:
                return await queues.EnterAsync(_ari, QueueRequestFor(q.Name, q.Skill, q.Priority), SeatFinishedAsync, ct)
                    ? null : new CallEvent.SeatFinished(Talked: false);
            case CallCommand.EnterQueue q:
                LogNotDone(logger, channelId, $"queue {q.Name}", "no seat answered");
                return new CallEvent.SeatFinished(Talked: false);
            case CallCommand.SendSms s when sms is not null:
                _ = SendSmsAsync(s);
                return null;
            case CallCommand.SendSms s:
                LogNotDone(logger, channelId, $"SMS {s.Template}", "not sent");
                return null;
            case CallCommand.RegisterCallback r when queues is not null:
                await queues.RegisterCallbackAsync(r.Queue, r.Number, channelId);
                return null;
            case CallCommand.RegisterCallback r:
                LogNotDone(logger, channelId, $"callback for queue {r.Queue}", "not registered");
                return null;
            case var _ when _hungUp:
                return null;
            case CallCommand.Play p:
                return await PlayAsync(p, ct);
            case CallCommand.StopPlayback s:
                try { await _ari.Playbacks.StopAsync(AriPlaybackId(s.PlaybackId), ct); }
                catch (AriException ex) when (ex.IsNotFound) { /* it had already finished */ }
                return null;
            case CallCommand.Record r:
                _recording = $"{channelId}-recording-{++_recordings}";
                await _ari.Channels.RecordAsync(channelId, _recording, "wav", maxDurationSeconds: WholeSeconds(r.MaxLength),
                    maxSilenceSeconds: WholeSeconds(r.SilenceEnd), ifExists: "overwrite", beep: r.Beep, terminateOn: "#", cancellationToken: ct);
                return null;
            case CallCommand.SetLanguage l:
                await _ari.Channels.SetChannelVarAsync(channelId, "CHANNEL(language)", setup.Prompts.FolderOf(l.Language), cancellationToken: ct);
                return null;
            case CallCommand.Hangup h:
                LogEnded(logger, channelId, h.Reason);
                await _ari.Channels.HangupAsync(channelId, reason: "normal", cancellationToken: ct);
                return null;
            default:
                throw new InvalidOperationException($"call {channelId}: engine command {command.GetType().Name} has no ARI translation");
        }
    }

    async Task<CallEvent?> PlayAsync(CallCommand.Play play, CancellationToken ct)
    {
        var media = await MenuMedia.ForAsync(play, setup.Prompts.FolderOf, setup.Runtime, ct);
        foreach (var problem in media.Problems) LogUnspeakable(logger, channelId, problem);
        if (media.Media.Count == 0) return new CallEvent.PromptFinished(play.PlaybackId);
        await _ari.Channels.PlayWithIdAsync(channelId, AriPlaybackId(play.PlaybackId), media.Media, lang: media.Folder, cancellationToken: ct);
        return null;
    }

    /// <summary>Runs outside the turn so keys and a hang-up are still handled while a back end is slow.</summary>
    async Task RunActionAsync(CallCommand.InvokeAction action)
    {
        ActionResult result;
        try
        {
            var call = new ActionCall(channelId, _started?.Caller ?? "", _started?.Entry ?? "", _state?.Language ?? "");
            result = await actions.InvokeAsync(action.Action, action.Arguments, call, _gone.Token);
        }
        catch (OperationCanceledException) when (_gone.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogActionFailed(logger, ex, channelId, action.Action);
            result = new ActionResult("error", new Dictionary<string, string>());
        }
        await OnAsync(new CallEvent.ActionCompleted(result.Code, result.Outputs), CancellationToken.None);
    }

    /// <summary>Outside the turn, and not cancelled by a hang-up: a ticket's SMS still goes to a caller who hung up after hearing it.</summary>
    async Task SendSmsAsync(CallCommand.SendSms s)
    {
        try { await sms!.SendAsync(new MenuSms(channelId, s.Template, s.To, s.Parameters), CancellationToken.None); }
        catch (Exception ex)
        {
            LogSmsFailed(logger, ex, channelId, s.Template);
        }
    }

    async Task FireAsync(string timerId)
    {
        try
        {
            // A menu's timer waits while the caller may be speaking the answer (see CallListening).
            await Turn(state => _speech?.Hold(timerId) == true ? new Step(state, [], [])
                : Traced(state, new CallEvent.TimerFired(timerId), engine.Handle(state, new CallEvent.TimerFired(timerId))), CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogTimerFailed(logger, ex, channelId, timerId);
        }
    }

    void Arm(string timerId, TimeSpan after)
    {
        CancelTimer(timerId);
        _timerDue[timerId] = time.GetUtcNow() + after;
        _timers[timerId] = time.CreateTimer(_ => _ = FireAsync(timerId), null, after, Timeout.InfiniteTimeSpan);
    }

    void CancelTimer(string timerId)
    {
        _timerDue.Remove(timerId);
        if (_timers.Remove(timerId, out var timer)) timer.Dispose();
    }

    static int WholeSeconds(TimeSpan length) => (int)Math.Ceiling(length.TotalSeconds);

    public async ValueTask DisposeAsync()
    {
        await _gone.CancelAsync();
        if (_speech is not null) await _speech.DisposeAsync();
        await _turn.WaitAsync();
        try
        {
            foreach (var timer in _timers.Values) timer.Dispose();
            _timers.Clear();
            _timerDue.Clear();
        }
        finally
        {
            _turn.Release();
        }
    }

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "call {Channel}: another instance took the call over; this one lets it go")]
    static partial void LogReleased(ILogger logger, string channel);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Warning, Message = "call {Channel}: state not saved in Redis; a takeover would miss this turn")]
    static partial void LogNotSaved(ILogger logger, Exception ex, string channel);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "call {Channel}: channel gone during a request ({Message})")]
    static partial void LogChannelGone(ILogger logger, string channel, string message);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning,
        Message = "call {Channel}: {What} is not implemented in this service yet: {Outcome}")]
    static partial void LogNotDone(ILogger logger, string channel, string what, string outcome);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "call {Channel}: a value was left out of a prompt: {Problem}")]
    static partial void LogUnspeakable(ILogger logger, string channel, string problem);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "call {Channel}: action {Action} failed; the menu gets its 'error' result")]
    static partial void LogActionFailed(ILogger logger, Exception ex, string channel, string action);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Error, Message = "call {Channel}: SMS {Template} failed; the call goes on")]
    static partial void LogSmsFailed(ILogger logger, Exception ex, string channel, string template);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "call {Channel}: timer {Timer} failed")]
    static partial void LogTimerFailed(ILogger logger, Exception ex, string channel, string timer);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "call {Channel}: the menu ends the call ({Reason})")]
    static partial void LogEnded(ILogger logger, string channel, string reason);
}
