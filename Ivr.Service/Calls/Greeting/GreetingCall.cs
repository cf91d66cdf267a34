using Ivr.Ari.Errors;
using Ivr.Ari;

namespace Ivr.Service.Calls.Greeting;

/// <summary>
/// One answered call running the greeting: translates ARI events into flow events and flow commands into
/// ARI requests. Events of one channel arrive in order from the dispatcher; the lock only orders them
/// against the call's own timer.
/// </summary>
public sealed class GreetingCall(AriClient ari, string channelId, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    readonly SemaphoreSlim _turn = new(1, 1);
    readonly Dictionary<string, ITimer> _timers = [];
    GreetingFlow? _flow;
    string? _playing;
    string? _language;

    public string ChannelId => channelId;

    public Task StartAsync(GreetingOptions options, CancellationToken ct) => Turn(_ => GreetingFlow.Start(options), ct);

    /// <summary>An event before the call has started (none is expected) leaves it as it is.</summary>
    public Task OnAsync(GreetingEvent e, CancellationToken ct) => Turn(flow => flow is null ? (null, []) : flow.On(e), ct);

    /// <summary>Playback ids are global in Asterisk, so the flow's own ids are made unique by the channel id.</summary>
    public string AriPlaybackId(string flowId) => $"{channelId}-{flowId}";

    public string? FlowPlaybackId(string ariPlaybackId) =>
        ariPlaybackId.StartsWith(channelId + "-", StringComparison.Ordinal) ? ariPlaybackId[(channelId.Length + 1)..] : null;

    async Task Turn(Func<GreetingFlow?, (GreetingFlow?, IReadOnlyList<GreetingCommand>)> step, CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            if (_flow is { Ended: true }) return;
            var (next, commands) = step(_flow);
            _flow = next;
            foreach (var command in commands)
                await ExecuteAsync(command, ct);
        }
        catch (AriException ex) when (ex.IsNotFound)
        {
            // The caller hung up while we were acting: the StasisEnd that follows ends the flow.
            logger.LogDebug("call {Channel}: channel gone during a request ({Message})", channelId, ex.Message);
        }
        finally
        {
            _turn.Release();
        }
    }

    async Task ExecuteAsync(GreetingCommand command, CancellationToken ct)
    {
        switch (command)
        {
            case GreetingCommand.Answer a:
                await ari.Channels.AnswerAsync(channelId, ct);
                _language = a.Language;
                await ari.Channels.SetChannelVarAsync(channelId, "CHANNEL(language)", a.Language, cancellationToken: ct);
                break;
            case GreetingCommand.Play p:
                _playing = AriPlaybackId(p.PlaybackId);
                await ari.Channels.PlayWithIdAsync(channelId, _playing, p.Media, lang: _language, cancellationToken: ct);
                break;
            case GreetingCommand.StopPlayback when _playing is not null:
                var playing = _playing;
                _playing = null;
                try { await ari.Playbacks.StopAsync(playing, ct); }
                catch (AriException ex) when (ex.IsNotFound) { /* it had already finished */ }
                break;
            case GreetingCommand.StartTimer t:
                Cancel(t.Name);
                _timers[t.Name] = time.CreateTimer(_ => _ = FireAsync(t.Name), null, t.After, Timeout.InfiniteTimeSpan);
                break;
            case GreetingCommand.CancelTimer c:
                Cancel(c.Name);
                break;
            case GreetingCommand.HangUp:
                await ari.Channels.HangupAsync(channelId, reason: "normal", cancellationToken: ct);
                break;
        }
    }

    async Task FireAsync(string name)
    {
        try
        {
            await OnAsync(new GreetingEvent.TimerFired(name), CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "call {Channel}: timer {Timer} failed", channelId, name);
        }
    }

    void Cancel(string name)
    {
        if (_timers.Remove(name, out var timer)) timer.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _turn.WaitAsync();
        try
        {
            foreach (var timer in _timers.Values) timer.Dispose();
            _timers.Clear();
        }
        finally
        {
            _turn.Release();
        }
    }
}
