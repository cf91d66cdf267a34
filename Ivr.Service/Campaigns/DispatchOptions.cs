namespace Ivr.Service.Campaigns;

/// <summary>Timings of the dispatcher (Campaigns:Dispatch); the defaults suit real providers.</summary>
public sealed record DispatchOptions
{
    /// <summary>How long an unfinished send must be old before asking the provider about it: a request still in flight must land first.</summary>
    public TimeSpan ReconcileAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a send nobody can resolve waits for a receipt before the target is failed (it is never resent).</summary>
    public TimeSpan GiveUpUnknownAfter { get; init; } = TimeSpan.FromHours(72);

    /// <summary>How often a chunk with unresolved sends comes back to reconcile them.</summary>
    public TimeSpan RecheckUnknownEvery { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>When a chunk is locked by another worker, look again this much later (in case that worker dies).</summary>
    public TimeSpan RecheckBusyChunkAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Targets per chunk job when the campaign does not say.</summary>
    public int DefaultChunkSize { get; init; } = 500;
}
