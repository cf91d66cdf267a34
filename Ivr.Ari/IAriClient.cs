using Ivr.Ari.Resources;

namespace Ivr.Ari;

/// <summary>Asterisk's REST interface, one typed resource per ARI resource; the same over HTTP or an outbound WebSocket.</summary>
public interface IAriClient
{
    AsteriskResource Asterisk { get; }
    ApplicationsResource Applications { get; }
    ChannelsResource Channels { get; }
    BridgesResource Bridges { get; }
    PlaybacksResource Playbacks { get; }
    RecordingsResource Recordings { get; }
    SoundsResource Sounds { get; }
    EndpointsResource Endpoints { get; }
    DeviceStatesResource DeviceStates { get; }
    MailboxesResource Mailboxes { get; }

    /// <summary>User events and channel claims (the REST half of ARI's <c>events</c> resource).</summary>
    EventsResource UserEvents { get; }
}
