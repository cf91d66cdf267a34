using System.Collections.Concurrent;
using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Models;

namespace Ivr.Service.Calls.Greeting;

/// <summary>
/// Answers every call that enters the Stasis application with the built-in greeting. Until the menus
/// run calls, this is what a person reaches through <c>scripts/run.sh</c>.
/// </summary>
public sealed class GreetingCalls(IConfiguration config, TimeProvider time, ILoggerFactory loggers)
    : StasisCallHost<GreetingCall>(config, loggers)
{
    readonly ILogger _logger = loggers.CreateLogger<GreetingCalls>();
    protected override ILogger Logger => _logger;

    protected override async ValueTask OnEventAsync(AriClient ari, string server, Message message, CancellationToken ct)
    {
        switch (message)
        {
            case StasisStart start:
                var call = new GreetingCall(ari, start.Channel.Id, time, _logger);
                Calls[call.ChannelId] = call;
                _logger.LogInformation("call {Channel} from {Caller} to {Exten}: greeting",
                    start.Channel.Id, start.Channel.Caller.Number, start.Channel.Dialplan.Exten);
                await call.StartAsync(new GreetingOptions(), ct);
                break;
            case ChannelDtmfReceived dtmf when Calls.TryGetValue(dtmf.Channel.Id, out var c) && dtmf.Digit.Length == 1:
                await c.OnAsync(new GreetingEvent.Digit(dtmf.Digit[0]), ct);
                break;
            case PlaybackFinished finished when ChannelOf(finished.Playback.TargetUri) is { } id && Calls.TryGetValue(id, out var c)
                                                && c.FlowPlaybackId(finished.Playback.Id) is { } flowId:
                await c.OnAsync(new GreetingEvent.PlaybackFinished(flowId), ct);
                break;
            case StasisEnd end when Calls.TryRemove(end.Channel.Id, out var c):
                await c.OnAsync(new GreetingEvent.HungUp(), ct);
                await c.DisposeAsync();
                _logger.LogInformation("call {Channel} ended", end.Channel.Id);
                break;
        }
    }

    static string? ChannelOf(string targetUri) =>
        targetUri.StartsWith("channel:", StringComparison.Ordinal) ? targetUri["channel:".Length..] : null;
}
