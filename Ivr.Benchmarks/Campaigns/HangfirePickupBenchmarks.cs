using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Ivr.Benchmarks.Campaigns;

/// <summary>
/// Time from a job being enqueued to a Hangfire worker starting it, on the real PostgreSQL named by IVR_POSTGRES
/// (a throw-away database): the queue polled every second (what the service configures, Campaigns:QueuePollSeconds)
/// against Hangfire.PostgreSql's long polling (LISTEN/NOTIFY wakes a worker at once).
///   IVR_POSTGRES='Host=127.0.0.1;Port=55432;Username=ivr;Database=ivr' dotnet run -c Release --project Ivr.Benchmarks -- --filter '*HangfirePickup*'
/// </summary>
[Config(typeof(InProcessMonitoring))]
public class HangfirePickupBenchmarks
{
    /// <summary>In process (the job method signals a task in this process), one enqueue per iteration, few iterations.</summary>
    sealed class InProcessMonitoring : ManualConfig
    {
        public InProcessMonitoring() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(2).WithIterationCount(15)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }

    static readonly ConcurrentDictionary<Guid, TaskCompletionSource> Started = new();

    ThrowawayDatabase database = null!;
    PostgreSqlStorage storage = null!;
    BackgroundJobServer worker = null!;
    BackgroundJobClient client = null!;

    [Params("poll 1 s", "long polling")]
    public string Queue { get; set; } = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        database = await ThrowawayDatabase.CreateAsync(ThrowawayDatabase.ServerFromEnvironment(), "pickup");
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            QueuePollInterval = TimeSpan.FromSeconds(1),
            EnableLongPolling = Queue == "long polling",
            UseSlidingInvisibilityTimeout = true,
        };
        storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
        worker = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 4 }, storage);
        client = new BackgroundJobClient(storage);
        await PickUpAsync();
    }

    /// <summary>One enqueue, awaited until the job's method runs on a worker.</summary>
    [Benchmark]
    public Task PickUpAsync()
    {
        var id = Guid.NewGuid();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Started[id] = started;
        client.Enqueue(() => Signal(id));
        return started.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The job: tells the benchmark it has started.</summary>
    public static void Signal(Guid id)
    {
        if (Started.TryRemove(id, out var started)) started.TrySetResult();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        worker.Dispose();
        await database.DisposeAsync();
    }
}
