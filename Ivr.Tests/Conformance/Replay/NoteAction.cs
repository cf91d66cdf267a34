namespace Ivr.Tests.Conformance.Replay;

/// <summary>What a step marker asks the replay to do besides REST.</summary>
public enum NoteActionKind
{
    /// <summary>The note only describes the next REST calls or reports what was seen; the trace files hold the rest.</summary>
    Describes,
    /// <summary>Drop the named inbound socket without a close frame (TCP close).</summary>
    AbortSocket,
    /// <summary>Close the named inbound socket with a close frame (1000).</summary>
    CloseSocket,
    /// <summary>Close the open inbound socket of the named app with a close frame (1000).</summary>
    CloseAppSocket,
    /// <summary>`stop.sh` (`core stop now`), running while the next steps go on.</summary>
    BeginStop,
    /// <summary>`start.sh`, running while the next steps go on.</summary>
    BeginStart,
    /// <summary>Wait for the stop.sh/start.sh in progress to end.</summary>
    AwaitLifecycle,
    /// <summary>Start the outbound websocket test server and (re)start Asterisk with the outbound websocket config.</summary>
    StartWithOutboundConfig,
    /// <summary>The test server closes the persistent outbound socket with a close frame (code in Argument).</summary>
    ServerClosePersistent,
    /// <summary>The test server drops the persistent outbound socket and stops listening (seconds in Argument).</summary>
    ServerTerminatePersistent,
}

/// <summary>A resolved step marker: the kind and its argument (a socket label, an app, a code or seconds).</summary>
public sealed record NoteAction(NoteActionKind Kind, string? Argument = null);
