namespace Ivr.Service.Campaigns;

/// <summary>
/// Chunk jobs kept in this process and run by <see cref="RunDueAsync"/>: the foreground dispatch worker
/// (<c>ivr campaigns dispatch-worker</c>) and tests driving a fake clock use it instead of Hangfire.
/// </summary>
public sealed class InProcessCampaignJobs(TimeProvider clock) : ICampaignJobs
{
    readonly Lock gate = new();
    readonly Dictionary<(long Run, int Chunk), DateTimeOffset> queued = [];

    int tickRequested;

    public void EnqueueChunk(long runId, int chunk) => ScheduleChunk(runId, chunk, DateTimeOffset.MinValue);

    public void EnqueueSchedulerTick() => Interlocked.Exchange(ref tickRequested, 1);

    public void ScheduleChunk(long runId, int chunk, DateTimeOffset at)
    {
        lock (gate)
            // One pending job per chunk is enough: chunk jobs are reentrant, so keep the earliest.
            if (!queued.TryGetValue((runId, chunk), out var existing) || at < existing) queued[(runId, chunk)] = at;
    }

    /// <summary>The earliest queued job's time, or null when nothing is queued.</summary>
    public DateTimeOffset? NextAt
    {
        get
        {
            lock (gate) return queued.Count == 0 ? null : queued.Values.Min();
        }
    }

    /// <summary>Runs jobs due on the clock (including those they queue for now) until none is due; returns how many ran.</summary>
    public async Task<int> RunDueAsync(CampaignJobRunner runner, CancellationToken ct)
    {
        var ran = 0;
        if (Interlocked.Exchange(ref tickRequested, 0) == 1) await runner.TickAsync(ct);
        while (TakeDue() is { } job)
        {
            await runner.DispatchChunkAsync(job.Run, job.Chunk, ct);
            ran++;
        }
        return ran;
    }

    (long Run, int Chunk)? TakeDue()
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            foreach (var (key, at) in queued.OrderBy(q => q.Value))
            {
                if (at > now) break;
                queued.Remove(key);
                return key;
            }
            return null;
        }
    }
}
