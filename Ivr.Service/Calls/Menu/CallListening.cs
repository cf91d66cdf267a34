using Ivr.Ari;
using Ivr.Menus.Engine;
using Ivr.Menus.Model;
using Ivr.Service.Speech.Input;

namespace Ivr.Service.Calls.Menu;

/// <summary>
/// Spoken answers on one call: once a menu with keywords has finished its prompt and waits for a key, the caller's
/// answer is recorded and recognised beside the key wait. A key cancels the listen (its recording ended on the key
/// anyway: terminateOn any), so a key and a word never both count. The menu's no-input timer is held while the caller
/// may be speaking and delivered once the answer turned out to be no choice. Every method but <see cref="DisposeAsync"/>
/// runs inside the call's turn.
/// </summary>
public sealed partial class CallListening(SpeechInput input, MenuKeywords keywords, string channelId, ILogger logger) : IAsyncDisposable
{
    /// <summary>How long a hung-up call waits for its listen to clean up its recording.</summary>
    static readonly TimeSpan CleanupWait = TimeSpan.FromSeconds(10);

    /// <summary>One listen: the menu wait it answers (node and the engine's timer) and its recording.</summary>
    public sealed class Listen(string node, string timer, string recording)
    {
        public string Node => node;
        public string Timer => timer;
        public string Recording => recording;
        internal CancellationTokenSource Cancel { get; } = new();
        internal bool TimerHeld { get; set; }
        internal Task Running { get; set; } = Task.CompletedTask;
    }

    Listen? _current;
    /// <summary>Listens not yet cleaned up (a stopped one discards its recording while the next may start).</summary>
    readonly List<Task> _running = [];
    /// <summary>A wait that takes keys only from now: its timer fired, or listening failed or found the caller gone.</summary>
    string? _keysOnly;

    /// <summary>The recording of a listen is named by the channel and the engine's timer, so another instance can find it from the call's state.</summary>
    public string RecordingName(string timer) => $"{channelId}-speech-{timer}";

    /// <summary>After each turn: starts listening when the call now waits for a key at a menu with keywords; stops a listen the call left.</summary>
    public void Consider(CallState state, MenuSet set, IAriClient ari, bool gone, Func<Listen, SpokenAnswer, Task> heard)
    {
        if (_current is { } running)
        {
            if (!gone && state.Node == running.Node && state.Timer == running.Timer) return;
            Stop();
        }
        if (gone || !WaitsForKey(state) || state.Timer == _keysOnly) return;
        if (keywords.For(set, state.Node, out var problem) is not { } matcher)
        {
            if (problem is not null) LogKeywordsUnusable(logger, problem);
            return;
        }
        var listen = new Listen(state.Node, state.Timer!, RecordingName(state.Timer!));
        _current = listen;
        listen.Running = RunAsync(listen, ari, state.Language, matcher, heard);
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(listen.Running);
        }
    }

    /// <summary>The prompt is over and the menu's timer runs: the moment a caller answers.</summary>
    static bool WaitsForKey(CallState state) => state is { Waiting: Waiting.Keys, Playback: null, Timer: not null, TypeAhead: "" };

    async Task RunAsync(Listen listen, IAriClient ari, string language, KeywordMatcher matcher, Func<Listen, SpokenAnswer, Task> heard)
    {
        // Out of the turn that started it before anything else, so the answer can take the turn.
        await Task.Yield();
        SpokenAnswer answer;
        try
        {
            answer = await input.ListenerFor(ari).ListenAsync(channelId, language, matcher, listen.Cancel.Token, listen.Recording);
        }
        catch (OperationCanceledException) when (listen.Cancel.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Asterisk refusing the recording or a reply Azure garbled: the caller still has the keys.
            answer = new SpokenAnswer(SpokenAnswerOutcome.Failed, Failure: $"{e.GetType().Name}: {e.Message}");
        }
        try { await heard(listen, answer); }
        catch (Exception e)
        {
            LogAnswerFailed(logger, e, channelId, listen.Node);
        }
    }

    /// <summary>A key was pressed: the listen it interrupted is dropped, its recording discarded.</summary>
    public void Stop()
    {
        if (_current is not { } listen) return;
        _current = null;
        listen.Cancel.Cancel();
    }

    /// <summary>The menu's timer fired: held (true) while the caller may still be answering it.</summary>
    public bool Hold(string timer)
    {
        if (_current is not { } listen || listen.Timer != timer) return false;
        listen.TimerHeld = true;
        _keysOnly = timer;
        return true;
    }

    /// <summary>
    /// The answer of <paramref name="listen"/> has come: false when the call has moved on since (a key, a hang-up).
    /// <paramref name="heldTimer"/> is the timer that fired meanwhile, to deliver unless the answer chose something.
    /// </summary>
    public bool Finish(Listen listen, SpokenAnswer answer, CallState state, out string? heldTimer)
    {
        heldTimer = null;
        if (!ReferenceEquals(_current, listen)) return false;
        _current = null;
        if (listen.TimerHeld) heldTimer = listen.Timer;
        switch (answer.Outcome)
        {
            case SpokenAnswerOutcome.Failed:
                LogListenFailed(logger, channelId, listen.Node, answer.Failure ?? "");
                _keysOnly = listen.Timer;
                break;
            case SpokenAnswerOutcome.HungUp:
                _keysOnly = listen.Timer;
                break;
            default:
                LogHeard(logger, channelId, listen.Node, answer.Outcome, answer.Match?.Key ?? "");
                break;
        }
        return state.Node == listen.Node && state.Timer == listen.Timer;
    }

    /// <summary>
    /// A call taken over (or restarted) at a menu wait: the instance before may have left its listen recording on the
    /// channel. It is discarded before the prompt is said again, which would otherwise wait behind it.
    /// </summary>
    public async Task DiscardLeftoverAsync(IAriClient ari, CallState state, MenuSet set)
    {
        if (state is { Waiting: Waiting.Keys, Timer: { } timer } && keywords.For(set, state.Node, out _) is not null)
            await SpokenAnswerListener.DiscardAsync(ari, RecordingName(timer));
    }

    /// <summary>The call is over: a listen still running is cancelled, and every recording cleaned up before the call is let go.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_current is { } listen)
        {
            _current = null;
            await listen.Cancel.CancelAsync();
        }
        Task[] running;
        lock (_running) running = [.. _running];
        try { await Task.WhenAll(running).WaitAsync(CleanupWait); }
        catch (TimeoutException) { LogCleanupSlow(logger, channelId); }
    }

    [LoggerMessage(EventId = 6040, Level = LogLevel.Warning, Message = "menu keywords cannot be listened for; the menu takes keys only: {Problem}")]
    static partial void LogKeywordsUnusable(ILogger logger, string problem);

    [LoggerMessage(EventId = 6041, Level = LogLevel.Warning, Message = "call {Channel}: listening at {Node} failed, keys only until the menu asks again: {Failure}")]
    static partial void LogListenFailed(ILogger logger, string channel, string node, string failure);

    [LoggerMessage(EventId = 6042, Level = LogLevel.Information, Message = "call {Channel}: spoken answer at {Node}: {Outcome} {Key}")]
    static partial void LogHeard(ILogger logger, string channel, string node, SpokenAnswerOutcome outcome, string key);

    [LoggerMessage(EventId = 6044, Level = LogLevel.Error, Message = "call {Channel}: the spoken answer at {Node} could not be given to the menu")]
    static partial void LogAnswerFailed(ILogger logger, Exception ex, string channel, string node);

    [LoggerMessage(EventId = 6043, Level = LogLevel.Warning, Message = "call {Channel}: a listen recording was not cleaned up in time")]
    static partial void LogCleanupSlow(ILogger logger, string channel);
}
