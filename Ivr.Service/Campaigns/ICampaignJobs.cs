namespace Ivr.Service.Campaigns;

/// <summary>Queues chunk jobs. Hangfire in the service; tests may run chunks directly.</summary>
public interface ICampaignJobs
{
    void EnqueueChunk(long runId, int chunk);

    void ScheduleChunk(long runId, int chunk, DateTimeOffset at);

    /// <summary>Runs the scheduler soon instead of at its next minute (a campaign was just scheduled to start now).</summary>
    void EnqueueSchedulerTick();
}
