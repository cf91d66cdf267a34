using System.Collections.Concurrent;
using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Models;

namespace Ivr.Service.Calls.Greeting;

/// <summary>
/// Answers every call that enters the Stasis application with the built-in greeting. Until the menus
/// run calls, this is what a person reaches through <c>scripts/run.sh</c>.
/// </summary>
public sealed class GreetingCalls(IConfiguration config, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    readonly ILogger _logger = loggers.CreateLogger<GreetingCalls>();
    readonly ConcurrentDictionary<string, GreetingCall> _calls = new();
    readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    AriClient? _ari;

    /// <summary>Completes when the event socket is first up: calls reaching Stasis before that fail in Asterisk.</summary>
    public Task Connected => _connected.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = AriSettings.From(config);
        _ari = new AriClient(new AriClientOptions
        {
            BaseUrl = settings.Url, User = settings.User, Password = settings.Password, Application = settings.Application,
        });
        await using var events = new AriEventStream(_ari, OnEventAsync, loggers.CreateLogger<AriEventStream>());
        events.Connected += (_, _) => _connected.TrySetResult();
        events.Connected += (_, e) => _logger.LogInformation("ARI events connected to {Url} as application {App} (connection {N})",
            events.EventsUrl, settings.Application, e.ConnectionNumber);
        events.Disconnected += (_, e) => _logger.LogWarning("ARI events disconnected: {Reason} {Description}; reconnecting: {Again}",
            e.Reason, e.Description, e.WillReconnect);
        events.Start();
        try { await Task.Delay(Timeout.Infinite, stoppingToken); }
        catch (OperationCanceledException) { }
        foreach (var call in _calls.Values) await call.DisposeAsync();
        _ari.Dispose();
    }

    async ValueTask OnEventAsync(Message message, CancellationToken ct)
    {
        switch (message)
        {
            case StasisStart start:
                var call = new GreetingCall(_ari!, start.Channel.Id, time, _logger);
                _calls[call.ChannelId] = call;
                _logger.LogInformation("call {Channel} from {Caller} to {Exten}: greeting",
                    start.Channel.Id, start.Channel.Caller.Number, start.Channel.Dialplan.Exten);
                await call.StartAsync(new GreetingOptions(), ct);
                break;
            case ChannelDtmfReceived dtmf when _calls.TryGetValue(dtmf.Channel.Id, out var c) && dtmf.Digit.Length == 1:
                await c.OnAsync(new GreetingEvent.Digit(dtmf.Digit[0]), ct);
                break;
            case PlaybackFinished finished when ChannelOf(finished.Playback.TargetUri) is { } id && _calls.TryGetValue(id, out var c)
                                                && c.FlowPlaybackId(finished.Playback.Id) is { } flowId:
                await c.OnAsync(new GreetingEvent.PlaybackFinished(flowId), ct);
                break;
            case StasisEnd end when _calls.TryRemove(end.Channel.Id, out var c):
                await c.OnAsync(new GreetingEvent.HungUp(), ct);
                await c.DisposeAsync();
                _logger.LogInformation("call {Channel} ended", end.Channel.Id);
                break;
        }
    }

    static string? ChannelOf(string targetUri) =>
        targetUri.StartsWith("channel:", StringComparison.Ordinal) ? targetUri["channel:".Length..] : null;
}
