using Ivr.Ari.Models;

namespace Ivr.Simulator.Channels;

/// <summary>One channel's live state; every change happens under the simulator's lock.</summary>
internal sealed class SimChannel(string id, string name, DateTimeOffset created)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public DateTimeOffset Created { get; } = created;
    public string State { get; set; } = "Down";
    public string CallerName { get; set; } = "";
    public string CallerNumber { get; set; } = "";
    public string ConnectedName { get; set; } = "";
    public string ConnectedNumber { get; set; } = "";
    public string Language { get; set; } = "en";

    /// <summary>A bridge set this channel's connected line; a Local pair passes that on to the other half when it ends.</summary>
    public bool ConnectedByBridge { get; set; }

    public string Context { get; set; } = "";
    public string Exten { get; set; } = "";
    public int Priority { get; set; } = 1;
    public string AppName { get; set; } = "";
    public string AppData { get; set; } = "";

    /// <summary>The other half of a Local channel pair.</summary>
    public SimChannel? Peer { get; set; }

    /// <summary>The <c>;1</c> half of a Local pair (the originating side, shown as AppDial2 when not in Stasis).</summary>
    public bool IsOutgoingLeg { get; init; }

    /// <summary>The app this channel is in (between StasisStart and StasisEnd).</summary>
    public string? StasisApp { get; set; }

    /// <summary>The app an originate or create put the <c>;1</c> leg into once the call is answered.</summary>
    public string? PendingApp { get; set; }
    public IReadOnlyList<string> PendingAppArgs { get; set; } = [];

    /// <summary>STASISSTATUS to report once the channel's hangup reaches its PBX (shutdown reports it after StasisEnd).</summary>
    public string? PendingStasisStatus { get; set; }

    /// <summary>Apps receiving this channel's events, each with how many reasons it has to (Stasis, originate).</summary>
    public Dictionary<string, int> Subscribers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public Bridges.SimBridge? Bridge { get; set; }

    /// <summary>The role this channel joined <see cref="Bridge"/> with (<c>participant</c>, <c>announcer</c>, or none).</summary>
    public string BridgeRole { get; set; } = "";

    /// <summary>Playback, MOH, variable sets and DTMF-out commands wait here behind a running playback or DTMF (dtmf-burst trace).</summary>
    public ChannelControl Control { get; } = new();

    /// <summary>A pending dialplan step (Answer's media wait, Wait(), Dial timeout...), cancelled on hangup.</summary>
    public IDisposable? Pending { get; set; }

    /// <summary>Made by /channels/create: in the app before any dial, and dialled at most once.</summary>
    public bool IsCreated { get; set; }
    public bool Dialed { get; set; }

    /// <summary>Dial PROGRESS (early media) was reported for this originating leg.</summary>
    public bool ProgressSent { get; set; }

    public bool HangingUp { get; set; }
    public bool Gone { get; set; }

    /// <summary>What is written to this channel (a Local half passes it to its peer) and what it reads; see <see cref="Media.AudioFlow"/>.</summary>
    public Media.Flow Out { get; set; } = Media.Flow.None;
    public Media.Flow In { get; set; } = Media.Flow.None;

    /// <summary>The parts of that audio: a virtual caller or seat speaking, the current playback item, the idle line.</summary>
    public bool Speaking { get; set; }
    public Media.Flow? PlayingAudio { get; set; }
    public Media.Sending IdleSending { get; set; } = Media.Sending.Nothing;

    /// <summary>The virtual caller or seat listening through this channel.</summary>
    public Ear? Ear { get; set; }

    public TalkDetector? TalkDetector { get; set; }

    /// <summary>The virtual seat behind a PJSIP channel.</summary>
    public Seats.VirtualSeat? Seat { get; init; }

    /// <summary>Dial() links: the channel whose Dial() called this one, and the channel this one's Dial() called.</summary>
    public SimChannel? DialedBy { get; set; }
    public SimChannel? DialPartner { get; set; }

    /// <summary>Channel music on hold class while MOH plays.</summary>
    public string? MohClass { get; set; }

    /// <summary>Set once the channel has run a dialplan priority; such a channel ends with a soft hangup of its own.</summary>
    public bool RanDialplan { get; set; }

    /// <summary>The Local <c>;2</c> leg whose PBX runs a dialplan (as opposed to the AppDial2 <c>;1</c> leg).</summary>
    public bool IsDialplanLeg => !IsOutgoingLeg && RanDialplan;

    /// <summary>The originate's no-answer timer, cancelled by answer.</summary>
    public IDisposable? AnswerTimeout { get; set; }

    /// <summary>Where the <c>;1</c> leg goes after answer when originated with context/extension instead of an app.</summary>
    public (string Context, string Exten, int Priority)? PendingDialplan { get; set; }

    public void Subscribe(string app) => Subscribers[app] = Subscribers.GetValueOrDefault(app) + 1;

    public void Unsubscribe(string app)
    {
        if (!Subscribers.TryGetValue(app, out var n)) return;
        if (n <= 1) Subscribers.Remove(app);
        else Subscribers[app] = n - 1;
    }

    public Channel Snapshot() => new()
    {
        Id = Id,
        Name = Name,
        State = State,
        ProtocolId = "",
        Caller = new CallerID { Name = CallerName, Number = CallerNumber },
        Connected = new CallerID { Name = ConnectedName, Number = ConnectedNumber },
        Accountcode = "",
        Dialplan = new DialplanCEP { Context = Context, Exten = Exten, Priority = Priority, AppName = AppName, AppData = AppData },
        Creationtime = Created,
        Language = Language,
    };
}
