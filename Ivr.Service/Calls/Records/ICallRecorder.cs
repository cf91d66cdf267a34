namespace Ivr.Service.Calls.Records;

/// <summary>Starts the record of a call; the record is written in the background when the call ends.</summary>
public interface ICallRecorder
{
    CallTrace Begin(CallTraceStart start);

    /// <summary>Raised (on the ending call's thread) with every finished record before it is queued for writing.</summary>
    event Action<CallRecord>? Finished;
}
