using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Ivr.Ari;
using Ivr.Ari.Errors;

namespace Ivr.Service.Calls.Outbound;

/// <summary>
/// The trunk to taxpayers' phones that voice campaigns and queued callbacks share: at most <c>Outbound:MaxChannels</c>
/// channels at once, each dialled through <c>Outbound:DialTemplate</c> with <c>Outbound:CallerId</c>. A channel is
/// taken under its channel id before the originate and given back by that id (twice is harmless).
/// </summary>
public sealed partial class OutboundTrunk : IDisposable
{
    [GeneratedRegex(@"^\+?[0-9]{3,20}$")]
    private static partial Regex PhoneNumber();

    readonly SemaphoreSlim _free;
    readonly ConcurrentDictionary<string, byte> _held = new();

    public OutboundTrunk(OutboundDialOptions options)
    {
        options.Validate();
        Options = options;
        _free = new SemaphoreSlim(options.MaxChannels, options.MaxChannels);
    }

    public OutboundDialOptions Options { get; }

    /// <summary>Channels in use now.</summary>
    public int InUse => _held.Count;

    /// <summary>Digits, optionally a leading +: anything else could inject a different dial string.</summary>
    public static bool IsPhoneNumber(string phone) => PhoneNumber().IsMatch(phone);

    /// <summary>The ARI endpoint that rings <paramref name="phone"/>.</summary>
    public string EndpointOf(string phone) =>
        IsPhoneNumber(phone) ? Options.DialTemplate.Replace("{phone}", phone, StringComparison.Ordinal)
            : throw new ArgumentException($"'{phone}' is not a phone number (digits, optionally a leading +)", nameof(phone));

    /// <summary>Takes a trunk channel for <paramref name="channelId"/>; false when every channel is in use.</summary>
    public bool TryTake(string channelId)
    {
        if (_held.ContainsKey(channelId)) return true;
        if (!_free.Wait(0)) return false;
        if (!_held.TryAdd(channelId, 0)) _free.Release();
        return true;
    }

    /// <summary>Gives back the channel <paramref name="channelId"/> holds, if it holds one.</summary>
    public void Release(string channelId)
    {
        if (_held.TryRemove(channelId, out _)) _free.Release();
    }

    /// <summary>
    /// Rings <paramref name="phone"/> on the channel taken for <paramref name="channelId"/>, into <paramref name="application"/>
    /// with <paramref name="appArgs"/>; when Asterisk refuses, the trunk channel is given back and the error thrown.
    /// </summary>
    public async Task OriginateAsync(AriClient ari, string channelId, string phone, string application, string appArgs, TimeSpan ring,
        CancellationToken ct, string? otherChannelId = null)
    {
        var endpoint = EndpointOf(phone);
        if (!_held.ContainsKey(channelId))
            throw new InvalidOperationException($"channel {channelId} has no trunk channel: take one (TryTake) before dialling");
        try
        {
            await ari.Channels.OriginateWithIdAsync(channelId, endpoint, app: application, appArgs: appArgs, callerId: Options.CallerId,
                timeout: Math.Max(1, (int)Math.Ceiling(ring.TotalSeconds)), otherChannelId: otherChannelId, cancellationToken: ct);
        }
        catch (AriException)
        {
            Release(channelId);
            throw;
        }
    }

    public void Dispose() => _free.Dispose();
}
