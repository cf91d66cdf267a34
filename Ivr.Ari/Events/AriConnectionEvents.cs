namespace Ivr.Ari.Events;

/// <summary>The event socket is open. Asterisk replays nothing on connect: after a reconnect, rebuild state over REST.</summary>
public sealed class AriConnectedEventArgs(int connectionNumber) : EventArgs
{
    /// <summary>1 for the first connection, then 2, 3, … for each reconnect.</summary>
    public int ConnectionNumber { get; } = connectionNumber;

    /// <summary>True when events may have been missed since the previous connection.</summary>
    public bool IsReconnect => ConnectionNumber > 1;
}

/// <summary>The event socket closed; events until the next <see cref="AriConnectedEventArgs"/> are lost.</summary>
public sealed class AriDisconnectedEventArgs(AriDisconnectReason reason, string description, bool willReconnect) : EventArgs
{
    public AriDisconnectReason Reason { get; } = reason;

    /// <summary>What happened, in words (close code, socket error).</summary>
    public string Description { get; } = description;

    /// <summary>Whether the stream keeps trying to reconnect.</summary>
    public bool WillReconnect { get; } = willReconnect;
}

/// <summary>Why the event socket closed.</summary>
public enum AriDisconnectReason
{
    /// <summary>Asterisk sent a close frame.</summary>
    Closed,
    /// <summary>The connection dropped without a close frame (Asterisk stopped or crashed, network loss).</summary>
    ConnectionLost,
    /// <summary>Another socket took over the application (ApplicationReplaced): this stream stops so that two instances do not take it from each other in turn.</summary>
    Replaced,
    /// <summary>The stream was disposed.</summary>
    Stopped,
}
