using Ivr.Ari.Models;
using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;
using Ivr.Simulator.Media;

namespace Ivr.Simulator.Recordings;

/// <summary>
/// Channel recordings written as real WAV files, ending as the record trace shows: at maxDurationSeconds (duration in
/// whole seconds), on silence, on a terminating digit, on stop, or by itself ~4.4 s after no frames at all arrived.
/// </summary>
internal sealed class Recorder(Pbx pbx)
{
    /// <summary>How long Asterisk's recorder waits for any frame before it gives up (record trace, "test2-silence").</summary>
    public static readonly TimeSpan NoFramesTimeout = TimeSpan.FromMilliseconds(4400);

    /// <summary>maxDurationSeconds ends the recording a little after the limit (3.2–4 s for 3 in the trace).</summary>
    static readonly TimeSpan LimitSlack = TimeSpan.FromMilliseconds(250);

    readonly Dictionary<string, SimRecording> live = new(StringComparer.Ordinal);

    public SimRecording? Find(string name) => live.GetValueOrDefault(name);

    public bool StoredExists(string name, string format) => File.Exists(pbx.RecordingPath(name, format));

    public SimRecording Start(SimChannel ch, string name, string format, TimeSpan? maxDuration, TimeSpan? maxSilence, string terminateOn)
    {
        var rec = new SimRecording(name, format, ch, pbx.Clock.Now) { MaxDuration = maxDuration, MaxSilence = maxSilence, TerminateOn = terminateOn };
        live[name] = rec;
        rec.Timeline.Add((TimeSpan.Zero, ch.In.Kind));
        pbx.ChannelEvents.Publish(ch, new RecordingStarted { Recording = rec.Snapshot() });
        if (maxDuration is { } max) rec.Limit = pbx.Clock.After(max + LimitSlack, () => pbx.Run(() => End(rec, "done", max)));
        Watch(rec, ch.In.Kind);
        return rec;
    }

    /// <summary>What the recorded channel hears changed.</summary>
    public void Heard(SimChannel ch, Sending heard)
    {
        foreach (var rec in live.Values.Where(r => r.Channel == ch && r.State == "recording").ToList())
        {
            rec.Timeline.Add((Elapsed(rec), heard));
            Watch(rec, heard);
        }
    }

    void Watch(SimRecording rec, Sending heard)
    {
        rec.Watch?.Dispose();
        rec.Watch = heard switch
        {
            Sending.Nothing => pbx.Clock.After(NoFramesTimeout, () => pbx.Run(() => End(rec, "done"))),
            Sending.Silence when rec.MaxSilence is { } s => pbx.Clock.After(s, () => pbx.Run(() => End(rec, "done"))),
            _ => null,
        };
    }

    public void Dtmf(SimChannel ch, string digit)
    {
        foreach (var rec in live.Values.Where(r => r.Channel == ch).ToList())
            if (rec.TerminateOn == "any" || rec.TerminateOn.Contains(digit, StringComparison.Ordinal))
                End(rec, "done");
    }

    public void Stop(SimRecording rec) => End(rec, "done");

    /// <summary>DELETE /recordings/live/{name}: the recording is dropped and its file removed.</summary>
    public void Cancel(SimRecording rec)
    {
        End(rec, "canceled");
        File.Delete(pbx.RecordingPath(rec.Name, rec.Format));
    }

    public void Pause(SimRecording rec, bool paused)
    {
        if (rec.State is not ("recording" or "paused")) return;
        rec.State = paused ? "paused" : "recording";
        rec.Timeline.Add((Elapsed(rec), paused ? Sending.Nothing : rec.Channel.In.Kind));
    }

    public void ChannelGone(SimChannel ch)
    {
        foreach (var rec in live.Values.Where(r => r.Channel == ch).ToList()) End(rec, "done");
    }

    void End(SimRecording rec, string state, TimeSpan? length = null)
    {
        if (!live.Remove(rec.Name)) return;
        rec.Limit?.Dispose();
        rec.Watch?.Dispose();
        var total = length ?? Elapsed(rec);
        var heardFrames = Frames(rec, total);
        rec.State = state;
        WavFile.Write(pbx.RecordingPath(rec.Name, rec.Format), heardFrames, t => HeardAt(rec, t) == Sending.Voice);
        pbx.ChannelEvents.Publish(rec.Channel, new RecordingFinished { Recording = rec.Snapshot((int)heardFrames.TotalSeconds) });
    }

    TimeSpan Elapsed(SimRecording rec) => pbx.Clock.Simulated(pbx.Clock.Now - rec.Started);

    /// <summary>Time during which frames (voice or silence) arrived: Asterisk writes and counts only those.</summary>
    static TimeSpan Frames(SimRecording rec, TimeSpan total)
    {
        var sum = TimeSpan.Zero;
        for (var i = 0; i < rec.Timeline.Count; i++)
        {
            var (at, heard) = rec.Timeline[i];
            if (at >= total) break;
            var end = i + 1 < rec.Timeline.Count ? rec.Timeline[i + 1].At : total;
            if (end > total) end = total;
            if (heard != Sending.Nothing) sum += end - at;
        }
        return sum;
    }

    /// <summary>What was heard at <paramref name="t"/> into the written file (which skips frameless stretches).</summary>
    static Sending HeardAt(SimRecording rec, TimeSpan t)
    {
        var written = TimeSpan.Zero;
        for (var i = 0; i < rec.Timeline.Count; i++)
        {
            var (at, heard) = rec.Timeline[i];
            if (heard == Sending.Nothing) continue;
            var end = i + 1 < rec.Timeline.Count ? rec.Timeline[i + 1].At : TimeSpan.MaxValue;
            var span = end == TimeSpan.MaxValue ? TimeSpan.MaxValue : end - at;
            if (span == TimeSpan.MaxValue || t < written + span) return heard;
            written += span;
        }
        return Sending.Silence;
    }
}
