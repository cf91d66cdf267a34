using System.Globalization;
using Ivr.Ari.Models;
using Ivr.Simulator.Bridges;
using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Media;

/// <summary>
/// Playbacks as the menu-dtmf trace shows them: queued behind the channel's running command, Started per media
/// item, Continuing between items, a missing file skipped (or <c>failed</c> when it is the last), DELETE gives <c>done</c>.
/// </summary>
internal sealed class PlaybackEngine(Pbx pbx)
{
    readonly Dictionary<string, SimPlayback> playbacks = new(StringComparer.Ordinal);

    public SimPlayback? Find(string id) => playbacks.GetValueOrDefault(id);

    public bool Exists(string id) => playbacks.ContainsKey(id);

    public void Clear() => playbacks.Clear();

    /// <summary>Observers (virtual calls) told when an item starts on a channel.</summary>
    public event Action<SimPlayback, string>? ItemStarted;

    /// <summary>Queues a playback on a channel; it starts when the channel's command queue reaches it.</summary>
    public SimPlayback PlayOnChannel(SimChannel ch, string? id, IReadOnlyList<string> media, string? language)
    {
        var pb = new SimPlayback(id ?? Guid.NewGuid().ToString(), media, language ?? ch.Language, ch, null);
        playbacks[pb.Id] = pb;
        ch.Control.Enqueue(() => Begin(pb));
        return pb;
    }

    /// <summary>A bridge playback; it needs the bridge's announcer slot (holding-queue trace).</summary>
    public SimPlayback PlayOnBridge(SimBridge bridge, string? id, IReadOnlyList<string> media, string? language)
    {
        var pb = new SimPlayback(id ?? Guid.NewGuid().ToString(), media, language ?? "en", null, bridge);
        playbacks[pb.Id] = pb;
        if (bridge.Type == "holding" && (bridge.MohClass is not null || bridge.Announcement is not null))
        {
            // "tried to be an announcer. Bridge already has one": Started, then failed 1 ms later.
            pb.State = "playing";
            Publish(pb, new PlaybackStarted { Playback = pb.Snapshot() });
            End(pb, "failed");
            return pb;
        }
        bridge.Announcement = pb;
        Begin(pb);
        return pb;
    }

    void Begin(SimPlayback pb)
    {
        if (pb.Ended) return;
        if (pb.Channel is { } ch)
        {
            if (ch.Gone || ch.HangingUp) return;
            ch.Control.Hold(pb);
            pbx.Locals.EarlyMedia(ch);
            if (ch.MohClass is not null) ch.MohClass = null; // a playback stops channel MOH for good (dtmf-burst trace)
        }
        pb.State = "playing";
        PlayItem(pb);
    }

    void PlayItem(SimPlayback pb)
    {
        var uri = pb.Media[pb.Index];
        pb.ItemStarted = pbx.Clock.Now;
        Publish(pb, new PlaybackStarted { Playback = pb.Snapshot() });
        var length = Length(uri, pb.Language);
        if (pb.Channel is { } ch)
        {
            ItemStarted?.Invoke(pb, uri);
            ch.PlayingAudio = length is null ? null : Flow.Of(uri);
            pbx.Audio.Update(ch);
        }
        else if (pb.Bridge is { } bridge && bridge.Announcement == pb)
        {
            bridge.AnnouncementAudio = length is null ? null : Flow.Of(uri);
            pbx.Audio.Update(bridge);
        }
        if (length is null)
        {
            if (pb.Index + 1 < pb.Media.Count) Advance(pb);
            else End(pb, "failed");
            return;
        }
        pb.ItemLength = length.Value;
        Arm(pb, length.Value);
    }

    void Arm(SimPlayback pb, TimeSpan remaining)
    {
        pb.Timer?.Dispose();
        pb.ItemStarted = pbx.Clock.Now - pbx.Clock.Real(pb.ItemLength - remaining);
        pb.Timer = pbx.Clock.After(remaining, () => pbx.Run(() =>
        {
            if (pb.Ended) return;
            if (pb.Index + 1 < pb.Media.Count) Advance(pb);
            else End(pb, "done");
        }));
    }

    /// <summary>Simulated time left of the current item.</summary>
    TimeSpan Remaining(SimPlayback pb)
    {
        var left = pb.ItemLength - pbx.Clock.Simulated(pbx.Clock.Now - pb.ItemStarted);
        return left < TimeSpan.Zero ? TimeSpan.Zero : left;
    }

    /// <summary>POST /playbacks/{id}/control: pause keeps the position, forward/reverse move it 3 s, restart goes back to the start.</summary>
    public void Control(SimPlayback pb, string operation)
    {
        var skip = TimeSpan.FromSeconds(3);
        switch (operation)
        {
            case "pause" when pb.State == "playing":
                pb.PausedRemaining = Remaining(pb);
                pb.Timer?.Dispose();
                pb.State = "paused";
                break;
            case "unpause" when pb.State == "paused":
                pb.State = "playing";
                Arm(pb, pb.PausedRemaining);
                break;
            case "restart":
                pb.State = "playing";
                Arm(pb, pb.ItemLength);
                break;
            case "forward" when pb.State == "playing":
                Arm(pb, Remaining(pb) - skip);
                break;
            case "reverse" when pb.State == "playing":
                var back = Remaining(pb) + skip;
                Arm(pb, back > pb.ItemLength ? pb.ItemLength : back);
                break;
        }
    }

    void Advance(SimPlayback pb)
    {
        pb.State = "continuing";
        Publish(pb, new PlaybackContinuing { Playback = pb.Snapshot() });
        pb.Index++;
        pb.State = "playing";
        PlayItem(pb);
    }

    /// <summary>DELETE /playbacks/{id}: a playing one finishes <c>done</c>; a queued one is dropped before it starts.</summary>
    public void Stop(SimPlayback pb)
    {
        if (pb.Ended) return;
        if (pb.State == "queued")
        {
            pb.Ended = true;
            playbacks.Remove(pb.Id);
            return;
        }
        End(pb, "done");
    }

    /// <summary>The channel is going away: a running playback ends <c>failed</c>, queued ones vanish.</summary>
    public void FailAll(SimChannel ch)
    {
        foreach (var pb in playbacks.Values.Where(p => p.Channel == ch).ToList())
        {
            if (pb.State == "queued") { pb.Ended = true; playbacks.Remove(pb.Id); }
            else End(pb, "failed");
        }
    }

    void End(SimPlayback pb, string state)
    {
        if (pb.Ended) return;
        pb.Ended = true;
        pb.Timer?.Dispose();
        pb.State = state;
        playbacks.Remove(pb.Id);
        Publish(pb, new PlaybackFinished { Playback = pb.Snapshot() });
        if (pb.Bridge is { } b && b.Announcement == pb)
        {
            b.Announcement = null;
            b.AnnouncementAudio = null;
            pbx.Audio.Update(b);
        }
        if (pb.Channel is { } ch && ReferenceEquals(ch.Control.Busy, pb))
        {
            ch.PlayingAudio = null;
            pbx.Audio.Update(ch);
        }
        pb.Channel?.Control.Release(pb);
    }

    void Publish(SimPlayback pb, Event e)
    {
        if (pb.Channel is { } ch) pbx.Events.Publish(e, ch.Subscribers.Keys);
        else pbx.Events.Publish(e, pbx.BridgeOps.Subscribers(pb.Bridge!));
    }

    /// <summary>How long one media URI plays; null when it cannot be played (missing file, unknown scheme).</summary>
    public TimeSpan? Length(string uri, string language)
    {
        var colon = uri.IndexOf(':');
        if (colon < 0) return null;
        var scheme = uri[..colon];
        var rest = uri[(colon + 1)..];
        switch (scheme)
        {
            case "sound":
                return pbx.Sounds.Duration(rest, language);
            case "recording":
                return pbx.StoredRecordingLength(rest);
            case "tone":
                return pbx.Options.DefaultMediaDuration;
            case "digits":
            case "characters":
                return SumOf(rest.Select(DigitSound), language);
            case "number":
                return long.TryParse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? SumOf(rest.Select(DigitSound), language) : null;
            default:
                return null;
        }
    }

    TimeSpan? SumOf(IEnumerable<string?> sounds, string language)
    {
        var total = TimeSpan.Zero;
        foreach (var s in sounds)
        {
            if (s is null) continue;
            total += pbx.Sounds.Duration(s, language) ?? TimeSpan.FromMilliseconds(600);
        }
        return total;
    }

    static string? DigitSound(char c) => c switch
    {
        >= '0' and <= '9' => "digits/" + c,
        '*' => "digits/star",
        '#' => "digits/pound",
        '-' => "digits/minus",
        _ => null,
    };
}
