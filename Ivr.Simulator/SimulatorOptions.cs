namespace Ivr.Simulator;

/// <summary>How an <see cref="AsteriskSimulator"/> is set up; every value has a test-friendly default.</summary>
public sealed record SimulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks any free port.</summary>
    public int Port { get; init; } = 0;

    /// <summary>An extensions.conf (subset); null loads the built-in default: <c>ivr-entry,12366</c> → Answer, Stasis(ivr).</summary>
    public string? DialplanPath { get; init; }

    /// <summary>Sound files as <c>&lt;dir&gt;/&lt;lang&gt;/&lt;name&gt;.wav</c> or <c>&lt;dir&gt;/&lt;name&gt;.wav</c>; a playback lasts as long as the WAV.</summary>
    public string? SoundsDirectory { get; init; }

    /// <summary>Where recordings are written as real WAV files; null uses a fresh temporary directory.</summary>
    public string? RecordingsDirectory { get; init; }

    /// <summary>Length of media whose length cannot be known (tones, unknown files that exist).</summary>
    public TimeSpan DefaultMediaDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Simulated time runs this many times faster than real time (10 = a 5 s prompt lasts 0.5 s).</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>The clock behind simulated time and its timers; a test passes its own to fire timers late or step by step.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The ARI user (basic auth).</summary>
    public string User { get; init; } = "ivr";

    /// <summary>The ARI user's password.</summary>
    public string Password { get; init; } = "ivr";

    /// <summary>Outbound websockets as websocket_client.conf + ari.conf would define them.</summary>
    public IReadOnlyList<OutboundWebSocketConfig> OutboundWebSockets { get; init; } = [];
}

/// <summary>How Asterisk keeps an outbound ARI websocket: one persistent connection, or one per call.</summary>
public enum OutboundConnectionType
{
    /// <summary><c>connection_type = persistent</c>: one socket serves the app; events queue while it is down.</summary>
    Persistent,

    /// <summary><c>connection_type = per_call_config</c>: each channel entering Stasis gets its own socket and app.</summary>
    PerCall,
}

/// <summary>One outbound websocket (a websocket_client.conf section joined with its ari.conf <c>outbound_websocket</c>).</summary>
public sealed record OutboundWebSocketConfig
{
    /// <summary>The Stasis application the socket serves (ari.conf <c>apps</c>).</summary>
    public required string App { get; init; }

    /// <summary>Where Asterisk connects, e.g. <c>ws://127.0.0.1:8765/ari-ows?instance=ref1</c>.</summary>
    public required Uri Uri { get; init; }

    /// <summary>Persistent or per call.</summary>
    public OutboundConnectionType ConnectionType { get; init; } = OutboundConnectionType.Persistent;

    /// <summary>Basic-auth user sent in the upgrade request.</summary>
    public string? Username { get; init; }

    /// <summary>Basic-auth password sent in the upgrade request.</summary>
    public string? Password { get; init; }

    /// <summary>How long one connection attempt may take.</summary>
    public TimeSpan ConnectionTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Pause between connection attempts.</summary>
    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>Attempts per round (per call: attempts before Stasis() fails).</summary>
    public int ReconnectAttempts { get; init; } = 4;
}
