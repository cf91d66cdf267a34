using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Media;

/// <summary>What a channel sends to its Local peer: no frames at all, silence frames, or voice (talk-detect trace).</summary>
internal enum Sending { Nothing, Silence, Voice }

/// <summary>
/// Tracks what each channel sends, so the peer's talk detector and recordings react as Asterisk's DSP does:
/// a Local channel sends frames only while something plays on it; a virtual caller's phone always sends.
/// </summary>
internal sealed class AudioFlow(Pbx pbx)
{
    public static Sending Of(string mediaUri) =>
        mediaUri.StartsWith("sound:silence/", StringComparison.Ordinal) ? Sending.Silence : Sending.Voice;

    /// <summary>Recomputes what <paramref name="ch"/> sends and tells its peer's listeners when it changed.</summary>
    public void Update(SimChannel ch)
    {
        var now = ch.Speaking ? Sending.Voice : ch.PlayingAudio ?? ch.IdleSending;
        if (now == ch.Sending) return;
        ch.Sending = now;
        if (ch.Peer is not { Gone: false } peer) return;
        peer.TalkDetector?.Heard(now);
        pbx.Recorder.Heard(peer, now);
    }

    /// <summary>What <paramref name="listener"/> hears right now.</summary>
    public static Sending Hears(SimChannel listener) => listener.Peer is { Gone: false } p ? p.Sending : Sending.Nothing;
}
