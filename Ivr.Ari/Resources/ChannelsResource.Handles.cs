using Ivr.Ari.Events;
using Ivr.Ari.Handles;

namespace Ivr.Ari.Resources;

public sealed partial class ChannelsResource
{
    internal AriHandleRegistry Handles { get; init; } = null!;

    /// <summary>
    /// Plays <paramref name="media"/> on a channel under an id chosen before sending, and returns a handle whose
    /// <see cref="PlaybackHandle.Finished"/> completes on PlaybackFinished even if that event overtakes the REST answer.
    /// </summary>
    public Task<PlaybackHandle> StartPlaybackAsync(string channelId, IEnumerable<string> media, string? lang = null,
        string? playbackId = null, int? offsetms = null, int? skipms = null, CancellationToken cancellationToken = default)
    {
        var handle = new PlaybackHandle(playbackId ?? AriHandleRegistry.NewId("pb"), AriEventKey.Channel(channelId));
        return Handles.StartAsync(handle, () => PlayWithIdAsync(channelId, handle.Id, media, lang, offsetms, skipms, cancellationToken),
            static (h, playback) => h.Playback = playback);
    }

    /// <summary>Records a channel; the handle completes on RecordingFinished/RecordingFailed or when the channel goes.</summary>
    public Task<RecordingHandle> StartRecordingAsync(string channelId, string name, string format, int? maxDurationSeconds = null,
        int? maxSilenceSeconds = null, string? ifExists = null, bool? beep = null, string? terminateOn = null,
        CancellationToken cancellationToken = default)
    {
        var handle = new RecordingHandle(name, AriEventKey.Channel(channelId));
        return Handles.StartAsync(handle, () => RecordAsync(channelId, name, format, maxDurationSeconds, maxSilenceSeconds, ifExists, beep, terminateOn, cancellationToken),
            static (h, recording) => h.Recording = recording);
    }

    /// <summary>
    /// Originates a channel into Stasis application <paramref name="app"/> under an id chosen before sending; the handle
    /// completes on its StasisStart (answered) or ChannelDestroyed (busy, no answer, failure: a failed originate still answers 200).
    /// </summary>
    public Task<OriginateHandle> StartOriginateAsync(string endpoint, string app, string? appArgs = null, string? callerId = null,
        int? timeout = null, IReadOnlyDictionary<string, string>? variables = null, string? channelId = null, string? otherChannelId = null,
        CancellationToken cancellationToken = default)
    {
        var handle = new OriginateHandle(channelId ?? AriHandleRegistry.NewId("ch"), otherChannelId);
        return Handles.StartAsync(handle, () => OriginateWithIdAsync(handle.ChannelId, endpoint, app: app, appArgs: appArgs, callerId: callerId,
                timeout: timeout, variables: variables, otherChannelId: otherChannelId, cancellationToken: cancellationToken),
            static (h, channel) => h.Channel = channel);
    }
}
