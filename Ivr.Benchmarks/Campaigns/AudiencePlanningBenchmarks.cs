using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Ivr.Service.Campaigns;
using Ivr.Service.Data;
using Npgsql;

namespace Ivr.Benchmarks.Campaigns;

/// <summary>
/// Loading a 1,000,000-taxpayer CSV audience with COPY, and planning it into targets (one INSERT … SELECT with
/// chunk numbers and the opt-out check), on the real PostgreSQL named by IVR_POSTGRES (a throw-away database).
///   IVR_POSTGRES='Host=127.0.0.1;Port=55432;Username=ivr;Database=ivr' dotnet run -c Release --project Ivr.Benchmarks -- --filter '*AudiencePlanning*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
[MemoryDiagnoser]
public class AudiencePlanningBenchmarks
{
    const int Rows = 1_000_000;
    ThrowawayDatabase database = null!;
    string csv = "";
    NpgsqlDataSource db = null!;
    long campaignId;
    long runId;

    [GlobalSetup(Target = nameof(CopyImport))]
    public Task SetupImportAsync() => SetupAsync();

    /// <summary>Each benchmark runs in its own process: planning first needs the audience loaded.</summary>
    [GlobalSetup(Target = nameof(PlanTargets))]
    public async Task SetupPlanningAsync()
    {
        await SetupAsync();
        await CopyImport();
    }

    async Task SetupAsync()
    {
        database = await ThrowawayDatabase.CreateAsync(ThrowawayDatabase.ServerFromEnvironment(), "audience");
        await MigrationRunner.MigrateAsync(database.ConnectionString);
        db = NpgsqlDataSource.Create(database.ConnectionString);
        campaignId = (long)(await db.CreateCommand(
            "insert into campaigns (name, kind, template_code) values ('bench', 'sms', 'SMS_1') returning id").ExecuteScalarAsync())!;
        runId = (long)(await db.CreateCommand($"insert into campaign_runs (campaign_id, planned_at) values ({campaignId}, now()) returning id").ExecuteScalarAsync())!;
        // 1 in 100 numbers opted out, as planning must check every row against the list.
        await db.CreateCommand($"insert into do_not_contact (phone, reason) select '139' || lpad((i * 100)::text, 8, '0'), 'bench' from generate_series(0, {Rows / 100 - 1}) i").ExecuteNonQueryAsync();
        var sb = new StringBuilder("taxpayer_id,phone,name,deadline\n", Rows * 48);
        for (var i = 0; i < Rows; i++) sb.Append("9111000000").Append(i.ToString("D8")).Append(",139").Append(i.ToString("D8")).Append(",纳税人").Append(i).Append(",3月16日\n");
        csv = sb.ToString();
    }

    [IterationSetup(Target = nameof(PlanTargets))]
    public void ClearTargets()
    {
        // Deleting 1,000,000 planned rows outlasts Npgsql's default 30 s command timeout on a loaded machine.
        using var cmd = db.CreateCommand("truncate campaign_targets cascade");
        cmd.CommandTimeout = 0;
        cmd.ExecuteNonQuery();
    }

    [Benchmark(Description = "COPY 1,000,000-row CSV audience")]
    public Task<long> CopyImport() => new AudienceImport(db).ImportCsvAsync(campaignId, new StringReader(csv), "bench.csv", default);

    [Benchmark(Description = "Plan 1,000,000 targets into chunks of 500")]
    public async Task<long> PlanTargets()
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var n = await AudiencePlanner.MaterialiseAsync(conn, tx, campaignId, runId, null, 500, default);
        await tx.CommitAsync();
        return n;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await db.DisposeAsync();
        await database.DisposeAsync();
    }
}
