using System.Globalization;
using Ivr.Simulator.Apps;
using Ivr.Simulator.Bridges;
using Ivr.Simulator.Channels;
using Ivr.Simulator.Dialplan;
using Ivr.Simulator.Media;
using Ivr.Simulator.Recordings;

namespace Ivr.Simulator.Core;

/// <summary>
/// The simulated Asterisk: every channel, bridge, playback and app. One lock guards it all, because Asterisk's
/// observable order (events per channel, REST effects) is what the simulator must reproduce, not its threading.
/// </summary>
internal sealed class Pbx
{
    public Pbx(SimulatorOptions options, DialplanBook dialplan, SoundLibrary sounds, TimeProvider time)
    {
        Options = options;
        Dialplan = dialplan;
        Sounds = sounds;
        Clock = new Scheduler(time, options.Speed);
        Events = new EventHub(this);
        Apps = new AppRegistry(this);
        ChannelEvents = new ChannelEvents(this);
        Runner = new DialplanRunner(this);
        Hangups = new HangupSequence(this);
        Playbacks = new PlaybackEngine(this);
        Locals = new LocalChannels(this);
        Variables = new ChannelVariables(this);
        Stasis = new StasisEntry(this);
        Dtmf = new DtmfSender(this);
        Audio = new AudioFlow(this);
        Recorder = new Recorder(this);
        Dialer = new DialApp(this);
        SeatChannels = new Seats.SeatChannels(this);
        Outbound = new Outbound.OutboundSockets(this, () => AriUrl ?? throw new InvalidOperationException("ARI is not listening yet"));
        BridgeOps = new BridgeOperations(this);
        RecordingsDirectory = options.RecordingsDirectory ?? Path.Combine(Path.GetTempPath(), "ivr-sim-recordings-" + Guid.NewGuid().ToString("N")[..8]);
        Boot();
    }

    public object Gate { get; } = new();
    public SimulatorOptions Options { get; }
    public DialplanBook Dialplan { get; }
    public SoundLibrary Sounds { get; }
    public Scheduler Clock { get; }
    public EventHub Events { get; }
    public AppRegistry Apps { get; }
    public ChannelEvents ChannelEvents { get; }
    public DialplanRunner Runner { get; }
    public HangupSequence Hangups { get; }
    public PlaybackEngine Playbacks { get; }
    public LocalChannels Locals { get; }
    public ChannelVariables Variables { get; }
    public StasisEntry Stasis { get; }
    public DtmfSender Dtmf { get; }
    public AudioFlow Audio { get; }
    public Recorder Recorder { get; }
    public DialApp Dialer { get; }
    public Seats.SeatChannels SeatChannels { get; }
    public Outbound.OutboundSockets Outbound { get; }

    /// <summary>Where this simulator's ARI listens, for REST requests that arrive over outbound websockets.</summary>
    public Uri? AriUrl { get; set; }
    public BridgeOperations BridgeOps { get; }
    public string RecordingsDirectory { get; }

    public string AsteriskId { get; } = "02:fc:00:00:00:01";
    public DateTimeOffset StartupTime { get; private set; }

    public Dictionary<string, SimChannel> Channels { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimBridge> Bridges { get; } = new(StringComparer.Ordinal);

    long nextId;
    int nextLocal;

    /// <summary>Starts afresh, as a restarted Asterisk does: ids restart at <c>&lt;new epoch&gt;.0</c>.</summary>
    public void Boot()
    {
        StartupTime = Clock.Now;
        nextId = 0;
        nextLocal = 0;
        Channels.Clear();
        Bridges.Clear();
        Playbacks.Clear();
        Apps.Clear();
    }

    /// <summary><c>core stop now</c>: every channel gets the shutdown hangup request (cause 4, soft), then ends with cause 0.</summary>
    public void Shutdown()
    {
        var all = Channels.Values.ToList();
        foreach (var ch in all)
            if (!ch.HangingUp) ChannelEvents.HangupRequest(ch, HangupCauses.Shutdown, soft: true);
        // A dialplan leg's Stasis() returns at once; its STASISSTATUS comes when the hangup reaches its PBX (asterisk-restart trace).
        foreach (var ch in all.Where(c => c.IsDialplanLeg)) ChannelEvents.StasisEnd(ch, "SUCCESS", reportStatusLater: true);
        foreach (var ch in all.Where(c => c.IsOutgoingLeg || c.Peer is null))
            Hangups.EndPair(ch, HangupCauses.Unknown, HangupCauses.Unknown, peerNotice: HangupCauses.Unknown);
        foreach (var ch in all.Where(c => !c.Gone)) Hangups.Finish(ch, HangupCauses.Unknown);
    }

    /// <summary>Asterisk's uniqueid: the creation time in seconds and a counter that starts at 0 when Asterisk boots.</summary>
    public string NewUniqueId() => Clock.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + (nextId++).ToString(CultureInfo.InvariantCulture);

    /// <summary>The 8-hex-digit sequence Asterisk puts in Local and Announcer channel names.</summary>
    public string NewLocalSuffix() => (nextLocal++).ToString("x8", CultureInfo.InvariantCulture);

    public SimChannel? FindChannel(string id) => Channels.GetValueOrDefault(id);

    /// <summary>Runs <paramref name="action"/> under the simulator's lock (timer callbacks, socket events).</summary>
    public void Run(Action action)
    {
        lock (Gate) action();
    }

    /// <summary>Answers a channel (Answer(), REST answer); a Local <c>;2</c> answer brings its <c>;1</c> up too.</summary>
    public void Answer(SimChannel ch)
    {
        if (ch.State == "Up") return;
        ChannelEvents.SetState(ch, "Up");
        Locals.Answered(ch);
    }

    /// <summary>The header by which a driver tags a request to learn when it has taken effect.</summary>
    public const string RequestTagHeader = "X-Request-Tag";

    /// <summary>Told, outside the lock, the tag of each tagged request once it has taken effect or joined its channel's command queue.</summary>
    public event Action<string>? RequestTaken;

    public void Taken(Microsoft.AspNetCore.Http.HttpContext http)
    {
        if (RequestTaken is { } taken && http.Request.Headers[RequestTagHeader] is [{ } tag]) taken(tag);
    }

    /// <summary>Raised under the lock when a channel is destroyed.</summary>
    public event Action<SimChannel, int>? ChannelGone;

    public void CallEnded(SimChannel ch, int cause) => ChannelGone?.Invoke(ch, cause);

    /// <summary>Where a stored recording's file is (<c>&lt;dir&gt;/&lt;name&gt;.wav</c>).</summary>
    public string RecordingPath(string name, string format = "wav") => Path.Combine(RecordingsDirectory, name + "." + format);

    public TimeSpan? StoredRecordingLength(string name) =>
        name.Contains("..", StringComparison.Ordinal) ? null : Media.WavFile.Duration(RecordingPath(name));

    public bool HasChannelsSubscribedTo(string app) => Channels.Values.Any(c => c.Subscribers.ContainsKey(app));
}
