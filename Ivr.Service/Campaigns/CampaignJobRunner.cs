using Hangfire;

namespace Ivr.Service.Campaigns;

/// <summary>
/// The Hangfire entry points. Jobs are reentrant: a chunk job run twice, or after a crash, picks up where the
/// chunk's rows say it stands.
/// </summary>
public sealed class CampaignJobRunner(ChunkDispatcher dispatcher, CampaignScheduler scheduler, ICampaignJobs jobs, DispatchOptions options, TimeProvider clock)
{
    public const string TickJobId = "campaigns:tick";

    [AutomaticRetry(Attempts = 10)]
    [JobDisplayName("Campaign run {0}, chunk {1}")]
    public async Task DispatchChunkAsync(long runId, int chunk, CancellationToken ct)
    {
        switch (await dispatcher.RunAsync(runId, chunk, ct))
        {
            case ChunkResult.ResumeAt r:
                jobs.ScheduleChunk(runId, chunk, r.At);
                break;
            case ChunkResult.Busy:
                jobs.ScheduleChunk(runId, chunk, clock.GetUtcNow() + options.RecheckBusyChunkAfter);
                break;
            case ChunkResult.Done:
                await scheduler.CompleteRunIfDoneAsync(runId, ct);
                break;
        }
    }

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(60)]
    public Task TickAsync(CancellationToken ct) => scheduler.TickAsync(ct);
}
