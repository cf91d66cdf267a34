using System.Collections.Concurrent;
using Ivr.Ari;
using Ivr.Ari.Errors;
using Ivr.Ari.Events;
using Ivr.Ari.Models;
using Ivr.Menus.Engine;

namespace Ivr.Service.Calls.Menu;

/// <summary>
/// Runs every call entering the Stasis application through the menus: the dialled number picks the entry, and the call
/// keeps the menu revision it started with when the menus are reloaded.
/// </summary>
public sealed partial class MenuCalls(IConfiguration config, MenuCallSetup setup, IActionInvoker actions, TimeProvider time,
    ILoggerFactory loggers, Ivr.Service.SelfService.Hours.OpenCalendars? calendars = null, Records.ICallRecorder? records = null,
    Outbound.IOutboundChannels? outbound = null) : StasisCallHost<MenuCall>(config, loggers)
{
    /// <summary>Menus compare dates of the hotline's callers, who are in China whatever the server's zone.</summary>
    static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    readonly ILogger _logger = loggers.CreateLogger<MenuCalls>();
    protected override ILogger Logger => _logger;

    protected override string ConnectionDetail => $"; calls run menu revision {setup.Menus.Current.Revision}";

    protected override async ValueTask OnEventAsync(Message message, CancellationToken ct)
    {
        // Outbound dials learn how their channels ring, answer and end from the same event stream.
        if (outbound is not null) await outbound.OnEventAsync(message, ct);
        switch (message)
        {
            case StasisStart start:
                await StartAsync(start.Channel, Outbound.OutboundCallArgs.From(start.Args), ct);
                break;
            case ChannelHangupRequest { Soft: not true } request when Calls.TryGetValue(request.Channel.Id, out var c) && request.Cause is { } cause:
                c.Trace?.HangupCause(cause);
                break;
            case ChannelDtmfReceived dtmf when Calls.TryGetValue(dtmf.Channel.Id, out var c) && dtmf.Digit.Length == 1:
                await c.DigitAsync(dtmf.Digit[0], ct);
                break;
            case PlaybackFinished finished when CallOf(finished.Playback.TargetUri) is { } c && c.EnginePlaybackId(finished.Playback.Id) is { } id:
                await c.OnAsync(new CallEvent.PromptFinished(id), ct);
                break;
            case RecordingFinished done when CallOf(done.Recording.TargetUri) is { } c:
                await c.RecordingFinishedAsync(done.Recording.Name, TimeSpan.FromSeconds(done.Recording.Duration ?? 0), ct);
                break;
            case RecordingFailed failed when CallOf(failed.Recording.TargetUri) is { } c:
                // The engine has no failed-recording path yet; a caller left in silence is worse than a clear hang-up.
                LogRecordingFailed(_logger, c.ChannelId, failed.Recording.Cause ?? "unknown cause");
                await HangUpQuietlyAsync(c.ChannelId, ct);
                break;
            case StasisEnd end when Calls.TryRemove(end.Channel.Id, out var c):
                await c.HungUpAsync(ct);
                await c.DisposeAsync();
                c.Trace?.End();
                LogCallEnded(_logger, end.Channel.Id);
                break;
        }
    }

    async Task StartAsync(Channel channel, Outbound.OutboundCallArgs? dialled, CancellationToken ct)
    {
        var set = setup.Menus.Current;
        var entry = dialled?.Entry ?? channel.Dialplan.Exten;
        if (!set.Entries.ContainsKey(entry))
        {
            LogNoEntry(_logger, channel.Id, entry, set.Revision, string.Join(", ", set.Entries.Keys));
            await HangUpQuietlyAsync(channel.Id, ct);
            return;
        }
        // An outbound call's menu speaks to the taxpayer it dialled: that number is the caller the menu's actions see.
        var caller = dialled?.Phone ?? channel.Caller.Number;
        var trace = records?.Begin(dialled is null
            ? new(channel.Id, Records.CallDirections.Inbound, caller, entry, entry, null, set)
            : new(channel.Id, Records.CallDirections.Outbound, channel.Caller.Number, dialled.Phone, entry, dialled.CallId, set));
        var call = new MenuCall(Ari, channel.Id, new MenuEngine(set), setup, actions, time, _logger, trace);
        Calls[call.ChannelId] = call;
        LogCallStarted(_logger, channel.Id, channel.Caller.Number, entry, set.Revision);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, China).DateTime);
        // Without calendars (call-control tests) none is open: menus take their closed-hours path.
        await call.StartAsync(new CallEvent.Started(caller, entry, null, today, calendars?.At(now) ?? new HashSet<string>()), ct);
    }

    MenuCall? CallOf(string targetUri) =>
        targetUri.StartsWith("channel:", StringComparison.Ordinal) && Calls.TryGetValue(targetUri["channel:".Length..], out var call) ? call : null;

    async Task HangUpQuietlyAsync(string channelId, CancellationToken ct)
    {
        try { await Ari.Channels.HangupAsync(channelId, reason: "normal", cancellationToken: ct); }
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
}
