using Ivr.Ari.Events;
using Ivr.Ari.Handles;

namespace Ivr.Ari.Resources;

public sealed partial class BridgesResource
{
    internal AriHandleRegistry Handles { get; init; } = null!;

    /// <summary>Plays <paramref name="media"/> to everyone in a bridge; the handle completes on PlaybackFinished, however early it comes.</summary>
    public Task<PlaybackHandle> StartPlaybackAsync(string bridgeId, IEnumerable<string> media, string? lang = null,
        string? playbackId = null, CancellationToken cancellationToken = default)
    {
        var handle = new PlaybackHandle(playbackId ?? AriHandleRegistry.NewId("pb"), AriEventKey.Bridge(bridgeId));
        return Handles.StartAsync(handle, () => PlayWithIdAsync(bridgeId, handle.Id, media, lang: lang, cancellationToken: cancellationToken),
            static (h, playback) => h.Playback = playback);
    }

    /// <summary>Records a bridge's mix; the handle completes on RecordingFinished or RecordingFailed.</summary>
    public Task<RecordingHandle> StartRecordingAsync(string bridgeId, string name, string format, int? maxDurationSeconds = null,
        int? maxSilenceSeconds = null, string? ifExists = null, bool? beep = null, string? terminateOn = null,
        CancellationToken cancellationToken = default)
    {
        var handle = new RecordingHandle(name, AriEventKey.Bridge(bridgeId));
        return Handles.StartAsync(handle, () => RecordAsync(bridgeId, name, format, maxDurationSeconds: maxDurationSeconds, maxSilenceSeconds: maxSilenceSeconds,
                ifExists: ifExists, beep: beep, terminateOn: terminateOn, cancellationToken: cancellationToken),
            static (h, recording) => h.Recording = recording);
    }
}
