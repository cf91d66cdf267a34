using Ivr.Simulator.Bridges;
using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Media;

/// <summary>
/// Audio through channels and bridges, as Asterisk moves it. Each channel has an <c>Out</c> (what is written to it:
/// its playback, its MOH, its bridge's mix, a phone's voice on a caller's <c>;1</c>) and an <c>In</c> (what it reads:
/// a Local half reads its peer's Out, a seat's phone sends silence or voice). Talk detection and recordings on a
/// channel follow its In; a virtual caller hears its <c>;1</c>'s In, a virtual seat its channel's Out.
/// </summary>
/// <remarks>
/// Holding-queue trace: a holding bridge gives a participant only its announcer (bridge MOH or a bridge playback, one
/// slot); a lone participant hears nothing. A channel playback replaces the bridge audio for that channel while it
/// runs. A mixing bridge gives each member the others' In (and any announcer).
/// </remarks>
internal sealed class AudioFlow(Pbx pbx)
{
    /// <summary>A Local pair with both halves in one bridge would feed itself; this bounds the settling.</summary>
    const int MaxSteps = 10_000;

    /// <summary>Recomputes what flows through <paramref name="start"/> and everything downstream of it.</summary>
    public void Update(SimChannel start)
    {
        var work = new Queue<SimChannel>();
        work.Enqueue(start);
        for (var steps = 0; steps < MaxSteps && work.TryDequeue(out var ch); steps++)
        {
            if (ch.Gone) continue;
            var output = Out(ch);
            if (output != ch.Out)
            {
                ch.Out = output;
                if (ch.Peer is { Gone: false } peer) work.Enqueue(peer);
            }
            var input = In(ch);
            if (input != ch.In)
            {
                var kindChanged = input.Kind != ch.In.Kind;
                ch.In = input;
                if (kindChanged)
                {
                    ch.TalkDetector?.Heard(input.Kind);
                    pbx.Recorder.Heard(ch, input.Kind);
                }
                if (ch.Bridge is { } bridge && HeardByOthers(bridge, ch))
                    foreach (var (member, _) in bridge.Members)
                        if (member != ch) work.Enqueue(member);
                if ((ch.DialPartner ?? ch.DialedBy) is { Gone: false } other) work.Enqueue(other);
            }
            ch.Ear?.Set(HeardBy(ch).ToHeard());
        }
    }

    /// <summary>Every member's audio, after the bridge's announcer changed.</summary>
    public void Update(SimBridge bridge)
    {
        foreach (var (member, _) in bridge.Members.ToList()) Update(member);
    }

    /// <summary>
    /// <paramref name="ch"/> joined or left. Holding-bridge participants do not hear each other, so only the channel
    /// itself changes there (a queue of thousands stays linear), unless it is the bridge's announcer.
    /// </summary>
    public void MembershipChanged(SimBridge bridge, SimChannel ch)
    {
        Update(ch);
        if (HeardByOthers(bridge, ch)) Update(bridge);
    }

    /// <summary>Whether the other members of <paramref name="bridge"/> hear what <paramref name="ch"/> reads.</summary>
    static bool HeardByOthers(SimBridge bridge, SimChannel ch) => bridge.Type != "holding" || ch.BridgeRole == "announcer";

    /// <summary>A virtual phone's ear: a seat's phone hears what is written to its channel, a caller what its <c>;1</c> reads.</summary>
    public static Flow HeardBy(SimChannel ch) => ch.Seat is not null ? ch.Out : ch.In;

    /// <summary>The virtual caller or seat talks for <paramref name="length"/>, then is silent again; completes then.</summary>
    public Task Speak(SimChannel ch, TimeSpan length)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ch.Speaking = true;
        Update(ch);
        pbx.Clock.After(length, () => pbx.Run(() =>
        {
            ch.Speaking = false;
            if (!ch.Gone) Update(ch);
            done.TrySetResult();
        }));
        return done.Task;
    }

    static Flow Out(SimChannel ch)
    {
        var phone = ch.Seat is not null;
        if (ch.Speaking && !phone) return Flow.Line(Sending.Voice);
        if (ch.PlayingAudio is { } playing) return playing;
        if (ch.MohClass is { } moh) return Flow.Moh(moh);
        if (ch.Bridge is { } bridge) return FromBridge(bridge, ch);
        if (ch.State == "Up" && (ch.DialPartner ?? ch.DialedBy) is { State: "Up", Gone: false } other)
            return other.In.IsLine ? other.In with { Source = "dial:" + other.Id } : other.In;
        return phone ? Flow.None : Flow.Line(ch.IdleSending);
    }

    static Flow In(SimChannel ch)
    {
        if (ch.Seat is not null) return Flow.Line(ch.Speaking ? Sending.Voice : ch.IdleSending);
        return ch.Peer is { Gone: false } peer ? peer.Out : Flow.None;
    }

    static Flow FromBridge(SimBridge bridge, SimChannel listener)
    {
        var announcer = bridge.AnnouncementAudio ?? (bridge.MohClass is { } moh ? Flow.Moh(moh) : (Flow?)null);
        if (bridge.Type == "holding")
        {
            if (listener.BridgeRole == "announcer") return Flow.None;
            if (announcer is { } a) return a;
            var member = bridge.AnnouncerMember;
            return member is null ? Flow.None : member.In with { Source = $"bridge:{bridge.Id}:{member.Id}" };
        }
        var others = bridge.Members.Where(m => m.Channel != listener).Select(m => m.Channel).ToList();
        if (others.Count == 0 && announcer is null) return Flow.None;
        // Softmix writes a mixed frame to every member each interval, so a member with company gets frames even when all are silent.
        var kind = others.Select(o => o.In.Kind).Append(announcer?.Kind ?? Sending.Silence).Append(Sending.Silence).Max();
        return new Flow(kind, announcer?.Source ?? $"bridge:{bridge.Id}:{string.Join(',', others.Select(o => o.Id))}");
    }
}
