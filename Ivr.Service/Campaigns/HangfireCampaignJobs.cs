using Hangfire;

namespace Ivr.Service.Campaigns;

/// <summary>Chunk jobs on Hangfire: the job carries the run id and chunk number only.</summary>
public sealed class HangfireCampaignJobs(IBackgroundJobClient client) : ICampaignJobs
{
    public void EnqueueChunk(long runId, int chunk) =>
        client.Enqueue<CampaignJobRunner>(j => j.DispatchChunkAsync(runId, chunk, CancellationToken.None));

    public void ScheduleChunk(long runId, int chunk, DateTimeOffset at) =>
        client.Schedule<CampaignJobRunner>(j => j.DispatchChunkAsync(runId, chunk, CancellationToken.None), at);

    public void EnqueueSchedulerTick() => client.Enqueue<CampaignJobRunner>(j => j.TickAsync(CancellationToken.None));
}
