using System.Diagnostics;
using Ivr.Service.Campaigns;

namespace Ivr.Benchmarks.Campaigns;

/// <summary>
/// The service's job queue with a stopwatch: when the first and the last chunk job were enqueued, and how many.
/// The scheduler tick is not queued: the benchmark runs the tick itself, so planning and enqueueing can be timed.
/// </summary>
public sealed class TimedCampaignJobs(ICampaignJobs inner) : ICampaignJobs
{
    long firstEnqueue;
    long lastEnqueue;
    int enqueued;
    int rescheduled;

    public int Enqueued => enqueued;

    /// <summary>Chunk jobs a job scheduled for later (windows, retries, a busy chunk).</summary>
    public int Rescheduled => rescheduled;

    /// <summary>From the first chunk job enqueued to the last one stored.</summary>
    public TimeSpan EnqueueTime => enqueued == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(firstEnqueue, lastEnqueue);

    public void EnqueueChunk(long runId, int chunk)
    {
        Interlocked.CompareExchange(ref firstEnqueue, Stopwatch.GetTimestamp(), 0);
        inner.EnqueueChunk(runId, chunk);
        Volatile.Write(ref lastEnqueue, Stopwatch.GetTimestamp());
        Interlocked.Increment(ref enqueued);
    }

    public void ScheduleChunk(long runId, int chunk, DateTimeOffset at)
    {
        inner.ScheduleChunk(runId, chunk, at);
        Interlocked.Increment(ref rescheduled);
    }

    public void EnqueueSchedulerTick()
    {
    }
}
