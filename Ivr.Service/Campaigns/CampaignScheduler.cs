using Ivr.Service.Calendar;
using Npgsql;

namespace Ivr.Service.Campaigns;

/// <summary>
/// Starts due campaigns: once a minute (a Hangfire recurring job) every scheduled campaign whose next run time has
/// come is planned — its audience materialised into targets, numbered into chunks — and one job per chunk is
/// queued. Cron and "N working days before the deadline" schedules both live here, evaluated on the injected clock.
/// </summary>
public sealed partial class CampaignScheduler(NpgsqlDataSource db, ICampaignJobs jobs, FilingDeadlines deadlines, TimeProvider clock, ILogger<CampaignScheduler> logger)
{
    /// <summary>Plans every due campaign; returns the runs started.</summary>
    public async Task<IReadOnlyList<long>> TickAsync(CancellationToken ct)
    {
        var started = new List<long>();
        while (await PlanNextDueAsync(ct) is { } run)
        {
            started.Add(run.RunId);
            for (var chunk = 0; chunk < run.Chunks; chunk++) jobs.EnqueueChunk(run.RunId, chunk);
            if (run.Chunks == 0) await CompleteRunIfDoneAsync(run.RunId, ct);
        }
        return started;
    }

    /// <summary>The first occurrence of a campaign's schedule after <paramref name="after"/>, in UTC as the database stores it.</summary>
    public DateTimeOffset? NextOccurrence(string schedule, string timeZone, DateTimeOffset after) =>
        CampaignSchedule.Parse(schedule, deadlines).NextAfter(after, TimeZoneInfo.FindSystemTimeZoneById(timeZone))?.ToUniversalTime();

    async Task<(long RunId, int Chunks)?> PlanNextDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long campaignId;
        string? audienceSql, schedule;
        string timeZone;
        int chunkSize;
        // SKIP LOCKED: another instance planning the same campaign makes this one move on.
        await using (var cmd = new NpgsqlCommand("""
            select id, audience_sql, schedule, time_zone, chunk_size from campaigns
            where state = 'scheduled' and next_run_at <= $1 order by next_run_at limit 1 for update skip locked
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue(now);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return null;
            (campaignId, audienceSql, schedule, timeZone, chunkSize) =
                (r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetInt32(4));
        }
        long runId;
        await using (var cmd = new NpgsqlCommand("insert into campaign_runs (campaign_id, planned_at) values ($1, $2) returning id", conn, tx))
        {
            cmd.Parameters.AddWithValue(campaignId);
            cmd.Parameters.AddWithValue(now);
            runId = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        var targets = await AudiencePlanner.MaterialiseAsync(conn, tx, campaignId, runId, audienceSql, chunkSize, ct);
        var chunks = (int)((targets + chunkSize - 1) / chunkSize);
        var next = schedule is null ? null : NextOccurrence(schedule, timeZone, now);
        await using (var cmd = new NpgsqlCommand("""
            with run as (update campaign_runs set chunk_count = $2, target_count = $3 where id = $1)
            update campaigns set state = 'running', next_run_at = $5 where id = $4
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue(runId);
            cmd.Parameters.AddWithValue(chunks);
            cmd.Parameters.AddWithValue((int)targets);
            cmd.Parameters.AddWithValue(campaignId);
            cmd.Parameters.AddWithValue((object?)next ?? DBNull.Value);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        LogPlanned(logger, campaignId, runId, targets, chunks);
        return (runId, chunks);
    }

    /// <summary>Closes a run whose targets are all final; the campaign waits for its next occurrence or finishes.</summary>
    public async Task<bool> CompleteRunIfDoneAsync(long runId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            with open as (select 1 from campaign_targets where run_id = $1 and state in ('pending', 'retry', 'sending', 'unknown') limit 1),
            run as (update campaign_runs set finished_at = $2 where id = $1 and finished_at is null and not exists (select 1 from open)
                    returning campaign_id)
            update campaigns c set state = case when c.next_run_at is null then 'finished' else 'scheduled' end
            from run where c.id = run.campaign_id and c.state = 'running'
            returning c.id
            """);
        cmd.Parameters.AddWithValue(runId);
        cmd.Parameters.AddWithValue(clock.GetUtcNow());
        return await cmd.ExecuteScalarAsync(ct) != null;
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Campaign {CampaignId} run {RunId} planned: {Targets} targets in {Chunks} chunks")]
    static partial void LogPlanned(ILogger logger, long campaignId, long runId, long targets, int chunks);
}
