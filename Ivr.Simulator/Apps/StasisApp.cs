namespace Ivr.Simulator.Apps;

/// <summary>A Stasis application as Asterisk keeps it: only the newest socket gets events; none means events are missed.</summary>
internal sealed class StasisApp(string name)
{
    public string Name { get; } = name;

    /// <summary>The socket events go to; null while the app is inactive.</summary>
    public IEventSink? Active { get; set; }

    /// <summary>Every socket still open for this app, including replaced ones that get nothing more.</summary>
    public List<IEventSink> Sockets { get; } = [];

    /// <summary>Bridges whose events this app receives.</summary>
    public HashSet<string> BridgeIds { get; } = [];

    /// <summary>Set for an app served by a persistent outbound socket: it exists and stays active without a connection.</summary>
    public IEventSink? Outbound { get; set; }

    /// <summary>An inbound socket took over this outbound app.</summary>
    public bool OutboundReplaced { get; set; }

    /// <summary>An inbound socket took an outbound app over and closed: Asterisk leaves it inactive until restart.</summary>
    public bool Hijacked { get; set; }

    /// <summary>Run once when a channel leaves this app (a per-call socket closes after its one channel).</summary>
    public Action? OnChannelLeft { get; set; }

    public bool IsActive => !Hijacked && (Active is not null || Outbound is not null);
}
