using Ivr.Ari.Handles;
using Ivr.Ari.Native;
using Ivr.Ari.Resources;

namespace Ivr.Ari;

/// <summary>
/// The typed ARI client: <c>new AriClient(new AriClientOptions { BaseUrl = .., User = .., Password = .., Application = .. })</c>,
/// then <c>ari.Channels.AnswerAsync(id, ct)</c>. Events come from an event stream opened on this client
/// (or from an outbound connection, which owns its own client).
/// </summary>
public sealed class AriClient : IAriClient, IDisposable
{
    readonly IDisposable? _ownedTransport;

    /// <summary>A client speaking HTTP to <see cref="AriClientOptions.BaseUrl"/>; <paramref name="handler"/> replaces the socket layer (tests, TLS).</summary>
    public AriClient(AriClientOptions options, HttpMessageHandler? handler = null)
        : this(options.Validate(), transport: null, handler)
    {
    }

    /// <summary>A client over any transport, e.g. an outbound WebSocket; only the timeout and queue options are used.</summary>
    public AriClient(AriClientOptions options, IAriTransport transport)
        : this(options.ValidateLimits(), transport, handler: null)
    {
    }

    AriClient(AriClientOptions options, IAriTransport? transport, HttpMessageHandler? handler)
    {
        Options = options;
        if (transport is null)
        {
            var http = new HttpAriTransport(options, handler);
            _ownedTransport = http;
            transport = http;
        }
        Transport = transport;
        var rest = new AriRestCore(transport, options.RequestTimeout);
        Handles = new AriHandleRegistry();
        Asterisk = new AsteriskResource(rest);
        Applications = new ApplicationsResource(rest);
        Channels = new ChannelsResource(rest) { Handles = Handles };
        Bridges = new BridgesResource(rest) { Handles = Handles };
        Playbacks = new PlaybacksResource(rest);
        Recordings = new RecordingsResource(rest);
        Sounds = new SoundsResource(rest);
        Endpoints = new EndpointsResource(rest);
        DeviceStates = new DeviceStatesResource(rest);
        Mailboxes = new MailboxesResource(rest);
        UserEvents = new EventsResource(rest);
    }

    /// <summary>The options this client was built with (validated).</summary>
    public AriClientOptions Options { get; }

    /// <summary>How requests travel (HTTP or an outbound WebSocket).</summary>
    public IAriTransport Transport { get; }

    /// <summary>Playbacks, recordings and originates waiting for their events; fed by the event source before dispatch.</summary>
    internal AriHandleRegistry Handles { get; }

    public AsteriskResource Asterisk { get; }
    public ApplicationsResource Applications { get; }
    public ChannelsResource Channels { get; }
    public BridgesResource Bridges { get; }
    public PlaybacksResource Playbacks { get; }
    public RecordingsResource Recordings { get; }
    public SoundsResource Sounds { get; }
    public EndpointsResource Endpoints { get; }
    public DeviceStatesResource DeviceStates { get; }
    public MailboxesResource Mailboxes { get; }
    public EventsResource UserEvents { get; }

    public void Dispose() => _ownedTransport?.Dispose();
}
