namespace Ivr.Benchmarks.Campaigns;

/// <summary>What one variant measured, from the scheduler's tick (plan + enqueue) to every target final.</summary>
public sealed record DispatchVariantResult
{
    public required string Variant { get; init; }
    public required int ChunkSize { get; init; }
    public required long Targets { get; init; }
    public required int JobsEnqueued { get; init; }
    public required int JobsRescheduled { get; init; }
    /// <summary>The scheduler's tick: planning the audience into targets, then enqueueing every job.</summary>
    public required TimeSpan Tick { get; init; }
    /// <summary>From the first job enqueued to the last.</summary>
    public required TimeSpan Enqueue { get; init; }
    /// <summary>From the tick's start until every target is final, or until the limit.</summary>
    public required TimeSpan Drain { get; init; }
    public required bool Drained { get; init; }
    public required long MaxQueued { get; init; }
    public required IReadOnlyDictionary<string, long> TargetStates { get; init; }
    public required IReadOnlyDictionary<string, long> AttemptStates { get; init; }
    public required GatewayCounts Gateway { get; init; }
    public required IReadOnlyList<TableSize> HangfireTables { get; init; }
    /// <summary>CPU seconds of the PostgreSQL backends of the variant's database; null when /proc does not show them.</summary>
    public required double? PostgresCpuSeconds { get; init; }
    /// <summary>CPU seconds of this process: Hangfire, the dispatcher, the stand-in.</summary>
    public required double ProcessCpuSeconds { get; init; }
}
