namespace Ivr.Service.Calls.Records;

/// <summary>Starts the record of a call; the record is written in the background when the call ends.</summary>
public interface ICallRecorder
{
    CallTrace Begin(CallTraceStart start);

    /// <summary>Goes on with the record of a call taken over from another instance (or from this one before a restart).</summary>
    CallTrace Resume(string channelId, TraceSnapshot kept, Ivr.Menus.Model.MenuSet menus);

    /// <summary>Raised (on the ending call's thread) with every finished record before it is queued for writing.</summary>
    event Action<CallRecord>? Finished;
}
