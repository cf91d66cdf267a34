namespace Ivr.Service.Campaigns;

/// <summary>What a chunk job asks for when it returns.</summary>
public abstract record ChunkResult
{
    /// <summary>Every target of the chunk is final.</summary>
    public sealed record Done : ChunkResult;

    /// <summary>Run the chunk again at this time (window closed, retries due later, sends to reconcile).</summary>
    public sealed record ResumeAt(DateTimeOffset At) : ChunkResult;

    /// <summary>The campaign is not running (paused, cancelled): resume re-enqueues.</summary>
    public sealed record Stopped(string CampaignState) : ChunkResult;

    /// <summary>Another worker holds this chunk.</summary>
    public sealed record Busy : ChunkResult;
}
