using System.Collections.Concurrent;
using Ivr.Ari;
using Ivr.Ari.Errors;
using Ivr.Ari.Models;
using Ivr.Service.Calls.Records;
using Ivr.Service.Campaigns;

namespace Ivr.Service.Calls.Outbound;

/// <summary>
/// Places campaign and callback calls through ARI: the dial row is written first, the channel is originated with our
/// own id into the Stasis application through the <see cref="OutboundTrunk"/> callbacks share, with the menu entry as appArgs, so the answered call runs the outbound menu in
/// <see cref="Menu.MenuCalls"/>; the outcome comes from the channel's Dial and destruction events and, for an
/// answered call, from its call record (keys pressed).
/// </summary>
public sealed partial class AriOutboundDialer : IOutboundDialer, IOutboundChannels, IDisposable
{
    readonly AriClient _ari;
    readonly string _application;
    readonly OutboundDialOptions _options;
    readonly OutboundDialStore _dials;
    readonly CallRecordStore _records;
    readonly TimeProvider _time;
    readonly ILogger<AriOutboundDialer> _logger;
    readonly ConcurrentDictionary<string, DialTracker> _calls = new();
    readonly ConcurrentDictionary<string, DialTracker> _byCallId = new();
    readonly OutboundTrunk _trunk;

    public AriOutboundDialer(AriSettings ari, OutboundTrunk trunk, OutboundDialStore dials, CallRecordStore records,
        ICallRecorder recorder, TimeProvider time, ILogger<AriOutboundDialer> logger)
    {
        _ari = new AriClient(new AriClientOptions { BaseUrl = ari.Url, User = ari.User, Password = ari.Password, Application = ari.Application });
        (_application, _options, _trunk, _dials, _records, _time, _logger) = (ari.Application, trunk.Options, trunk, dials, records, time, logger);
        recorder.Finished += OnRecorded;
    }

    public async Task<DialResult> DialAsync(DialRequest request, CancellationToken ct)
    {
        if (!OutboundTrunk.IsPhoneNumber(request.Phone))
            throw new ArgumentException($"call {request.CallId}: '{request.Phone}' is not a phone number (digits, optionally a leading +)", nameof(request));
        if (!request.MenuFlow.StartsWith("campaign:", StringComparison.Ordinal))
            throw new ArgumentException($"call {request.CallId}: menu flow '{request.MenuFlow}' is not a campaign entry such as campaign:filing-reminder", nameof(request));
        foreach (var (name, value) in request.Variables)
            if (OutboundCallArgs.Problem(name, value) is { } problem)
                throw new ArgumentException($"call {request.CallId}: {problem}", nameof(request));
        var channelId = "out-" + request.CallId;
        if (!_trunk.TryTake(channelId)) return new DialResult(DialOutcome.TrunkFull);
        try
        {
            if (!await _dials.TryBeginAsync(request.CallId, channelId, request.Phone, request.MenuFlow, _time.GetUtcNow(), ct))
                throw new InvalidOperationException($"call {request.CallId} was dialled before: look it up (LookupAsync) instead of dialling it twice");
            var tracker = new DialTracker(channelId, channelId + "-2");
            // Registered before the originate: Asterisk may send the first events before the REST answer.
            _calls[tracker.ChannelId] = _calls[tracker.OtherChannelId] = _byCallId[request.CallId] = tracker;
            try
            {
                var result = await PlaceAsync(request, tracker, ct);
                await _dials.FinishAsync(request.CallId, result, _time.GetUtcNow(), CancellationToken.None);
                LogDialled(_logger, request.CallId, CallsCommand.MaskNumber(request.Phone), result.Outcome, result.AriCause);
                return result;
            }
            finally
            {
                _calls.TryRemove(tracker.ChannelId, out _);
                _calls.TryRemove(tracker.OtherChannelId, out _);
                _byCallId.TryRemove(request.CallId, out _);
            }
        }
        finally
        {
            _trunk.Release(channelId);
        }
    }

    async Task<DialResult> PlaceAsync(DialRequest request, DialTracker tracker, CancellationToken ct)
    {
        var endpoint = _trunk.EndpointOf(request.Phone);
        try
        {
            await _trunk.OriginateAsync(_ari, tracker.ChannelId, request.Phone, _application,
                new OutboundCallArgs(request.MenuFlow, request.CallId, request.Phone) { Variables = request.Variables }.ToAppArgs(),
                request.RingTimeout, ct, otherChannelId: tracker.OtherChannelId);
        }
        catch (AriException e)
        {
            // Asterisk refused to create the channel (unknown technology, no such endpoint): nothing rang.
            LogRefused(_logger, request.CallId, endpoint.Replace(request.Phone, CallsCommand.MaskNumber(request.Phone), StringComparison.Ordinal), e.Message);
            return new DialResult(DialOutcome.Failed);
        }
        try
        {
            await tracker.Gone.WaitAsync(request.RingTimeout + _options.MaxCallLength, _time, ct);
        }
        catch (TimeoutException)
        {
            // A call running longer than any reminder is stuck (a line left open): end it rather than hold a trunk channel.
            LogTooLong(_logger, request.CallId, _options.MaxCallLength);
            try { await _ari.Channels.HangupAsync(tracker.ChannelId, reason: "normal", cancellationToken: ct); }
            catch (AriException e) when (e.IsNotFound) { /* it ended meanwhile */ }
            await tracker.Gone.WaitAsync(_options.FarLegGrace, _time, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        if (endpoint.StartsWith("Local/", StringComparison.OrdinalIgnoreCase))
            await Task.WhenAny(tracker.FarGone, Task.Delay(_options.FarLegGrace, _time, ct));
        return tracker.Result();
    }

    void OnRecorded(CallRecord record)
    {
        if (record.CampaignCallId is { } id && _byCallId.TryGetValue(id, out var tracker)) tracker.Recorded(record);
    }

    public ValueTask OnEventAsync(Message message, CancellationToken ct)
    {
        if (_calls.IsEmpty) return ValueTask.CompletedTask;
        foreach (var id in ChannelIdsOf(message))
            if (_calls.TryGetValue(id, out var tracker) && tracker.Observe(message)) break;
        return ValueTask.CompletedTask;
    }

    static IEnumerable<string> ChannelIdsOf(Message message) => message switch
    {
        Dial d => d.Caller is { } c ? [d.Peer.Id, c.Id] : [d.Peer.Id],
        StasisStart s => [s.Channel.Id],
        ChannelHangupRequest h => [h.Channel.Id],
        ChannelDestroyed d => [d.Channel.Id],
        ChannelVarset { Channel: { } c } => [c.Id],
        _ => [],
    };

    /// <summary>
    /// What became of a call whose result was never recorded (the dialling process died): the settled row; else, once
    /// its channel is gone, answered if its call record exists, otherwise failed (it never reached the menu). Null while
    /// the channel still exists or for a call id never dialled.
    /// </summary>
    public async Task<DialResult?> LookupAsync(string callId, CancellationToken ct)
    {
        if (await _dials.GetAsync(callId, ct) is not { } dial) return null;
        if (dial.Result is { } settled) return settled;
        if (_byCallId.ContainsKey(callId) || await ChannelExistsAsync(dial.ChannelId, ct)) return null;
        var record = await _records.ByCampaignCallAsync(callId, ct);
        var result = record is null ? new DialResult(DialOutcome.Failed)
            : new DialResult(record.Keys.Length > 0 ? DialOutcome.Confirmed : DialOutcome.AnsweredAndListened, record.HangupCause, record.Keys);
        await _dials.FinishAsync(callId, result, _time.GetUtcNow(), ct);
        return result;
    }

    async Task<bool> ChannelExistsAsync(string channelId, CancellationToken ct)
    {
        try
        {
            await _ari.Channels.GetAsync(channelId, ct);
            return true;
        }
        catch (AriException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    public void Dispose() => _ari.Dispose();

    [LoggerMessage(EventId = 6401, Level = LogLevel.Information, Message = "outbound call {CallId} to {Phone}: {Outcome} (cause {Cause})")]
    static partial void LogDialled(ILogger logger, string callId, string phone, DialOutcome outcome, int? cause);

    [LoggerMessage(EventId = 6403, Level = LogLevel.Warning, Message = "outbound call {CallId} lasted longer than {Limit}: hung up")]
    static partial void LogTooLong(ILogger logger, string callId, TimeSpan limit);

    [LoggerMessage(EventId = 6402, Level = LogLevel.Warning, Message = "outbound call {CallId}: Asterisk refused to originate {Endpoint}: {Error}")]
    static partial void LogRefused(ILogger logger, string callId, string endpoint, string error);
}
