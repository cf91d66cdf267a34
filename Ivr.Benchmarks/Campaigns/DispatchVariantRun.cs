using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Ivr.Service.Campaigns;
using Ivr.Service.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ivr.Benchmarks.Campaigns;

/// <summary>
/// One variant end to end, as the service runs it: a throw-away database, the service's campaign engine with the
/// webhook sender pointed at the throttling stand-in, Hangfire on PostgreSQL with the service's storage options and
/// workers, Redis pacing. The scheduler's tick plans the audience and enqueues the jobs while the workers already run.
/// The per-target variant is the same engine with chunks of one target, so both send through the same code and
/// differ only in how many Hangfire jobs carry the targets.
/// </summary>
public static class DispatchVariantRun
{
    static readonly string[] OpenStates = [TargetStates.Pending, TargetStates.Retry, TargetStates.Sending, TargetStates.Unknown];

    public static async Task<DispatchVariantResult> RunAsync(DispatchBenchOptions o, string variant, string server, string redis, CancellationToken ct)
    {
        var chunkSize = variant == DispatchBenchOptions.PerTarget ? 1 : o.ChunkSize;
        await using var database = await ThrowawayDatabase.CreateAsync(server, variant.Replace("-", ""));
        await MigrationRunner.MigrateAsync(database.ConnectionString, ct);
        await using var gateway = await ThrottlingSmsGateway.StartAsync(o.ProviderLimit);
        var hangfire = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            QueuePollInterval = TimeSpan.FromSeconds(1),
            UseSlidingInvisibilityTimeout = true,
        };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, hangfire), hangfire);
        var jobs = new TimedCampaignJobs(new HangfireCampaignJobs(new BackgroundJobClient(storage)));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Campaigns:RedisPrefix"] = $"ivr:campbench:{Guid.NewGuid():N}:",
            ["Sms:Provider"] = "webhook",
            ["Sms:Webhook:Url"] = gateway.Url.ToString(),
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Error))
            .AddSingleton<ICampaignJobs>(jobs);
        services.AddCampaignEngine(config, database.ConnectionString, redis);
        await using var provider = services.BuildServiceProvider();
        var db = provider.GetRequiredService<NpgsqlDataSource>();

        var admin = provider.GetRequiredService<CampaignAdmin>();
        var campaignId = await admin.CreateAsync(new Campaign
        {
            Name = "申报提醒 benchmark " + variant, TemplateCode = "SMS_123", Windows = "always", SmsPerSecond = o.SmsPerSecond, ChunkSize = chunkSize,
            AudienceSql = $"""
                select '91110000' || lpad(i::text, 10, '0') as taxpayer_id, '139' || lpad(i::text, 8, '0') as phone,
                       '纳税人' || i as name, '3月16日' as deadline
                from generate_series(1, {o.Targets}) i
                """,
        }, ct);
        await admin.ScheduleAsync(campaignId, ct);

        await using var postgresCpu = new PostgresBackendCpu(db, database.Name);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        TimeSpan tick, drain;
        long runId, maxQueued = 0;
        var drained = false;
        using (new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = o.Workers, Activator = new ServiceProviderActivator(provider) }, storage))
        {
            gateway.Restart();
            var clock = Stopwatch.StartNew();
            runId = (await provider.GetRequiredService<CampaignScheduler>().TickAsync(ct)).Single();
            tick = clock.Elapsed;
            while (clock.Elapsed.TotalSeconds < o.MaxDrainSeconds)
            {
                maxQueued = Math.Max(maxQueued, await HangfireTables.QueuedAsync(db, ct));
                if (await CountAsync(db, "select count(*) from campaign_targets where run_id = $1 and state = any($2)", ct, runId, OpenStates) == 0)
                {
                    drained = true;
                    break;
                }
                await Task.Delay(500, ct);
            }
            drain = clock.Elapsed;
        }
        double? postgresSeconds = postgresCpu.Visible ? postgresCpu.Seconds : null;
        var processSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return new DispatchVariantResult
        {
            Variant = variant, ChunkSize = chunkSize, Drained = drained, Tick = tick, Drain = drain, MaxQueued = maxQueued,
            Targets = await CountAsync(db, "select count(*) from campaign_targets where run_id = $1", ct, runId),
            JobsEnqueued = jobs.Enqueued, JobsRescheduled = jobs.Rescheduled, Enqueue = jobs.EnqueueTime,
            TargetStates = await ByStateAsync(db, "select state, count(*) from campaign_targets where run_id = $1 group by 1", runId, ct),
            AttemptStates = await ByStateAsync(db,
                "select a.state, count(*) from campaign_attempts a join campaign_targets t on t.id = a.target_id where t.run_id = $1 group by 1", runId, ct),
            Gateway = gateway.Counts(),
            HangfireTables = await HangfireTables.SizesAsync(db, ct),
            PostgresCpuSeconds = postgresSeconds,
            ProcessCpuSeconds = processSeconds,
        };
    }

    static async Task<long> CountAsync(NpgsqlDataSource db, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.AddWithValue(a);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static async Task<IReadOnlyDictionary<string, long>> ByStateAsync(NpgsqlDataSource db, string sql, long runId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue(runId);
        var byState = new SortedDictionary<string, long>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) byState[r.GetString(0)] = r.GetInt64(1);
        return byState;
    }
}
