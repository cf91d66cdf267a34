using Ivr.Simulator.Core;

namespace Ivr.Simulator.Channels;

/// <summary>Local/&lt;exten&gt;@&lt;context&gt; channel pairs: <c>;1</c> is the originating side, <c>;2</c> runs the dialplan.</summary>
internal sealed class LocalChannels(Pbx pbx)
{
    /// <summary>What an originate or a virtual caller asks for.</summary>
    public sealed record Request(string Exten, string Context)
    {
        public string? Id { get; init; }
        public string? OtherId { get; init; }
        public string CallerName { get; init; } = "";
        public string CallerNumber { get; init; } = "";
        public string? App { get; init; }
        public IReadOnlyList<string> AppArgs { get; init; } = [];
        public (string Context, string Exten, int Priority)? Then { get; init; }
        public TimeSpan? Timeout { get; init; }
        public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
    }

    /// <summary>Creates both legs, Down/Ring, without running anything yet.</summary>
    public (SimChannel One, SimChannel Two) Create(Request r)
    {
        var suffix = pbx.NewLocalSuffix();
        var baseName = $"Local/{r.Exten}@{r.Context}-{suffix}";
        var now = pbx.Clock.Now;
        var one = new SimChannel(r.Id ?? pbx.NewUniqueId(), baseName + ";1", now) { IsOutgoingLeg = true };
        var two = new SimChannel(r.OtherId ?? pbx.NewUniqueId(), baseName + ";2", now);
        foreach (var c in new[] { one, two })
        {
            c.CallerName = c.ConnectedName = r.CallerName;
            c.CallerNumber = c.ConnectedNumber = r.CallerNumber;
            c.Context = r.Context;
            c.Exten = r.Exten;
            c.Priority = 1;
            foreach (var (k, v) in r.Variables) c.Variables[k] = v;
            pbx.Channels[c.Id] = c;
        }
        one.State = "Down";
        two.State = "Ring";
        (one.AppName, one.AppData) = ("AppDial2", "(Outgoing Line)");
        one.Peer = two;
        two.Peer = one;
        if (r.App is { } app)
        {
            one.Subscribe(app);
            two.Subscribe(app);
            one.PendingApp = app;
            one.PendingAppArgs = r.AppArgs;
        }
        one.PendingDialplan = r.Then;
        return (one, two);
    }

    /// <summary>Asterisk answers an originate at once and dials on its own thread a few milliseconds later.</summary>
    static readonly TimeSpan DialAfterResponse = TimeSpan.FromMilliseconds(3);

    /// <summary>Dials <c>;2</c> into its dialplan shortly after the request is answered, as originate does.</summary>
    public void DialSoon(SimChannel one, SimChannel two, TimeSpan? timeout) =>
        pbx.Clock.After(DialAfterResponse, () => pbx.Run(() =>
        {
            if (!one.Gone && !two.Gone) Dial(one, two, timeout);
        }));

    /// <summary>Dials <c>;2</c> into its dialplan (originate-failures trace for the outcomes).</summary>
    public void Dial(SimChannel one, SimChannel two, TimeSpan? timeout)
    {
        if (!pbx.Dialplan.Exists(two.Context, two.Exten))
        {
            pbx.Hangups.Discard(two, HangupCauses.Unknown);
            pbx.Hangups.Discard(one, HangupCauses.Unknown);
            return;
        }
        if (two.CallerNumber.Length > 0 || two.CallerName.Length > 0)
        {
            pbx.ChannelEvents.CallerId(two);
            pbx.ChannelEvents.ConnectedLine(two);
        }
        pbx.ChannelEvents.Dial(one, "", $"{two.Exten}@{two.Context}");
        if (timeout is { } t && t > TimeSpan.Zero)
            one.AnswerTimeout = pbx.Clock.After(t, () => pbx.Run(() => NoAnswer(one, two)));
        pbx.Runner.Start(two);
    }

    /// <summary>Originate dials show <c>exten@context</c> throughout; a created channel's dial shows it only in its first Dial (dial-create trace).</summary>
    static string DialString(SimChannel one, SimChannel two) => one.IsCreated ? "" : $"{two.Exten}@{two.Context}";

    void NoAnswer(SimChannel one, SimChannel two)
    {
        if (one.Gone || one.State == "Up") return;
        if (one.IsCreated)
        {
            one.HangingUp = true;
            pbx.ChannelEvents.HangupRequest(one, HangupCauses.SoftHangupExplicit, soft: true);
        }
        two.HangingUp = true;
        pbx.ChannelEvents.HangupRequest(two, HangupCauses.NoAnswer, soft: false);
        pbx.Hangups.Finish(one, HangupCauses.NoAnswer);
        pbx.Hangups.Finish(two, HangupCauses.NoAnswer);
    }

    /// <summary><c>;2</c> answered: <c>;1</c> comes up, reports Dial ANSWER and goes where the originate sent it.</summary>
    public void Answered(SimChannel two)
    {
        if (two.Peer is not { IsOutgoingLeg: true, Gone: false } one || one.State == "Up") return;
        one.AnswerTimeout?.Dispose();
        pbx.ChannelEvents.SetState(one, "Up");
        pbx.ChannelEvents.Dial(one, "ANSWER", DialString(one, two));
        if (one.DialedBy is not null) pbx.Dialer.Answered(one);
        else if (one.PendingApp is { } app)
        {
            one.PendingApp = null;
            pbx.ChannelEvents.StasisStart(one, app, one.PendingAppArgs);
        }
        else if (one.PendingDialplan is { } then)
        {
            one.PendingDialplan = null;
            (one.Context, one.Exten, one.Priority) = then;
            pbx.Runner.Start(one);
        }
    }

    /// <summary>The far end rings: <c>;1</c> shows Ringing and Dial RINGING.</summary>
    public void Ringing(SimChannel two)
    {
        if (two.Peer is not { IsOutgoingLeg: true, Gone: false } one || one.State is "Up" or "Ringing") return;
        pbx.ChannelEvents.SetState(one, "Ringing");
        pbx.ChannelEvents.Dial(one, "RINGING", DialString(one, two));
    }

    /// <summary>Media before answer on <c>;2</c>: the caller side sees Dial PROGRESS once (dial-create trace, early media).</summary>
    public void EarlyMedia(SimChannel two)
    {
        if (two.State == "Up" || two.Peer is not { IsOutgoingLeg: true, Gone: false } one || one.State == "Up" || one.ProgressSent) return;
        one.ProgressSent = true;
        pbx.ChannelEvents.Dial(one, "PROGRESS", DialString(one, two));
    }

    /// <summary>Busy()/Congestion(): Dial reports it, <c>;1</c> goes with cause 0, <c>;2</c> with the cause.</summary>
    public void Refused(SimChannel two, string dialstatus, int cause)
    {
        pbx.ChannelEvents.SetState(two, "Busy");
        var one = two.Peer is { IsOutgoingLeg: true, Gone: false } p ? p : null;
        if (one?.DialedBy is not null)
        {
            two.HangingUp = true;
            pbx.ChannelEvents.HangupRequest(two, HangupCauses.Unknown, soft: false);
            pbx.Dialer.Refused(one, dialstatus, HangupCauses.Unknown);
            pbx.Hangups.Finish(two, cause);
            return;
        }
        if (one is not null) pbx.ChannelEvents.Dial(one, dialstatus, DialString(one, two));
        if (one is { IsCreated: true })
        {
            // A channel from /channels/create stays in its app, Down, until the app hangs it up (dial-create trace).
            one.Peer = null;
            two.Peer = null;
            two.HangingUp = true;
            pbx.Hangups.Finish(two, cause);
            return;
        }
        two.HangingUp = true;
        pbx.ChannelEvents.HangupRequest(two, HangupCauses.Unknown, soft: false);
        if (one is not null) pbx.Hangups.Finish(one, HangupCauses.Unknown);
        pbx.Hangups.Finish(two, cause);
    }
}
