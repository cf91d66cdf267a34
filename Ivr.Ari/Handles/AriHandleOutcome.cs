namespace Ivr.Ari.Handles;

/// <summary>How a playback or recording started through a handle ended.</summary>
public enum AriHandleOutcome
{
    /// <summary>Ended normally (<c>done</c>): played to the end, stopped with DELETE, or recorded to its limit.</summary>
    Done,
    /// <summary>Asterisk reported failure (a missing file, a recording error, a hangup cutting it off).</summary>
    Failed,
    /// <summary>The channel left the application (hung up) before the end was reported.</summary>
    ChannelGone,
    /// <summary>The event connection dropped before the end was reported; read the object over REST to learn its state.</summary>
    ConnectionLost,
}
