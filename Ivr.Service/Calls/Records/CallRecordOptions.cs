namespace Ivr.Service.Calls.Records;

/// <summary>Section <c>CallRecords</c>: how many finished calls may wait for PostgreSQL and how they are batched.</summary>
public sealed record CallRecordOptions
{
    /// <summary>Records held while PostgreSQL is slow or down; beyond it each record is logged (without numbers) and counted as dropped.</summary>
    public int BufferSize { get; init; } = 20_000;

    /// <summary>Records written per statement.</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>First pause after a failed write; doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a stopping service keeps trying to write what is still buffered.</summary>
    public TimeSpan DrainOnStop { get; init; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        if (BufferSize < 1) throw new InvalidOperationException($"CallRecords:BufferSize must be at least 1 (is {BufferSize})");
        if (BatchSize < 1) throw new InvalidOperationException($"CallRecords:BatchSize must be at least 1 (is {BatchSize})");
        if (RetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay)
            throw new InvalidOperationException("CallRecords:RetryDelay must be positive and CallRecords:MaxRetryDelay at least as long");
    }
}
