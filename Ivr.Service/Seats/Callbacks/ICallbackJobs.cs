using Hangfire;
using Ivr.Service.Seats.Routing;

namespace Ivr.Service.Seats.Callbacks;

/// <summary>Where callback placements and retries run: Hangfire in the service, this process in tests and without PostgreSQL.</summary>
public interface ICallbackJobs
{
    /// <summary>Place a callback the board offered to <paramref name="seat"/>; the job carries ids only.</summary>
    void Place(string callback, string seat);

    /// <summary>Put a callback back in line at its old place after <paramref name="delay"/> (busy, no answer).</summary>
    void Retry(string callback, int attempt, TimeSpan delay);
}

/// <summary>Hangfire jobs: reentrant, each checks the board before acting, so a job run twice places nothing twice.</summary>
public sealed class HangfireCallbackJobs(IBackgroundJobClient client) : ICallbackJobs
{
    public void Place(string callback, string seat) => client.Enqueue<CallbackJob>(j => j.PlaceAsync(callback, seat));

    public void Retry(string callback, int attempt, TimeSpan delay) => client.Schedule<CallbackJob>(j => j.RetryAsync(callback, attempt), delay);
}

/// <summary>The Hangfire job class: hands the ids to this instance's router.</summary>
public sealed class CallbackJob(QueueRouter router)
{
    public Task PlaceAsync(string callback, string seat) => router.PlaceCallbackAsync(callback, seat);

    public Task RetryAsync(string callback, int attempt) => router.RetryCallbackAsync(callback, attempt);
}

/// <summary>Runs the jobs on the thread pool of this process (delays on the router's clock).</summary>
public sealed class InProcessCallbackJobs(TimeProvider time) : ICallbackJobs
{
    /// <summary>Set by the router it serves.</summary>
    public QueueRouter? Router { get; set; }

    public void Place(string callback, string seat) => _ = Task.Run(() => Router!.PlaceCallbackAsync(callback, seat));

    public void Retry(string callback, int attempt, TimeSpan delay) =>
        _ = Task.Run(async () =>
        {
            await Task.Delay(delay, time);
            await Router!.RetryCallbackAsync(callback, attempt);
        });
}
