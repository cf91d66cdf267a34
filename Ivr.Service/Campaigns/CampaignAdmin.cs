using Ivr.Service.Calendar;
using Npgsql;
using NpgsqlTypes;

namespace Ivr.Service.Campaigns;

/// <summary>A state change the campaign's current state does not allow (HTTP 409).</summary>
public sealed class CampaignConflictException(string message) : InvalidOperationException(message);

/// <summary>What the admin API and CLI show for a campaign: its settings and how its latest run stands.</summary>
public sealed record CampaignProgress(
    Campaign Campaign, long? RunId, DateTimeOffset? PlannedAt, DateTimeOffset? FinishedAt, int Targets,
    IReadOnlyDictionary<string, long> TargetsByState, IReadOnlyDictionary<string, long> AttemptsByState)
{
    /// <summary>
    /// Attempts per channel and outcome: <c>sms</c> by state, <c>voice</c> by call outcome (answered_and_listened, confirmed,
    /// busy, no_answer, rejected, failed, trunk_full; from_sms for targets handed over), <c>sms_in_call</c> for the SMS
    /// taxpayers asked for by pressing 2.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> AttemptsByChannel { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, long>>();
}

/// <summary>
/// Campaign administration: create (validated), schedule, pause, resume, cancel, change pacing, read progress.
/// State changes are single UPDATEs guarded by the allowed previous states, so two admins cannot race.
/// </summary>
public sealed class CampaignAdmin(NpgsqlDataSource db, ICampaignJobs jobs, CampaignValidator validator, CampaignScheduler scheduler, TimeProvider clock)
{
    const string Columns = """
        id, name, kind, state, template_code, template_text, audience_sql, schedule, next_run_at, windows, time_zone,
        sms_per_second, max_concurrent_calls, calls_per_second, retry_policy::text, chunk_size
        """;

    public async Task<long> CreateAsync(Campaign c, CancellationToken ct)
    {
        await validator.ThrowIfInvalidAsync(c, ct);
        await using var cmd = db.CreateCommand("""
            insert into campaigns (name, kind, template_code, template_text, audience_sql, schedule, windows, time_zone,
                                   sms_per_second, max_concurrent_calls, calls_per_second, retry_policy, chunk_size)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id
            """);
        foreach (var v in new object?[] { c.Name, c.Kind, c.TemplateCode, c.TemplateText, c.AudienceSql, c.Schedule, c.Windows, c.TimeZone,
                                         c.SmsPerSecond, c.MaxConcurrentCalls, c.CallsPerSecond })
            cmd.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
        cmd.Parameters.AddWithValue(NpgsqlDbType.Jsonb, RetryPolicy.Parse(c.RetryPolicy).ToJson());
        cmd.Parameters.AddWithValue(c.ChunkSize);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select {Columns} from campaigns order by id");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<Campaign>();
        while (await r.ReadAsync(ct)) list.Add(Read(r));
        return list;
    }

    public async Task<CampaignProgress?> GetAsync(long id, CancellationToken ct)
    {
        Campaign campaign;
        await using (var cmd = db.CreateCommand($"select {Columns} from campaigns where id = $1"))
        {
            cmd.Parameters.AddWithValue(id);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return null;
            campaign = Read(r);
        }
        await using var run = db.CreateCommand("""
            select id, planned_at, finished_at, target_count from campaign_runs where campaign_id = $1 order by id desc limit 1
            """);
        run.Parameters.AddWithValue(id);
        long? runId = null;
        DateTimeOffset? planned = null, finished = null;
        var targets = 0;
        await using (var r = await run.ExecuteReaderAsync(ct))
            if (await r.ReadAsync(ct))
                (runId, planned, finished, targets) = (r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1),
                    r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2), r.GetInt32(3));
        var byState = await CountsAsync("select state, count(*) from campaign_targets where run_id = $1 group by state", runId, ct);
        var attempts = await CountsAsync("""
            select a.state, count(*) from campaign_attempts a join campaign_targets t on t.id = a.target_id where t.run_id = $1 group by a.state
            """, runId, ct);
        return new CampaignProgress(campaign, runId, planned, finished, targets, byState, attempts)
        {
            AttemptsByChannel = await ChannelCountsAsync(runId, ct),
        };
    }

    /// <summary>Schedules a draft (or re-schedules a finished) campaign: its next run is the schedule's next occurrence, or now without a schedule.</summary>
    public async Task ScheduleAsync(long id, CancellationToken ct)
    {
        var c = (await GetAsync(id, ct))?.Campaign ?? throw new KeyNotFoundException($"campaign {id} does not exist");
        var now = clock.GetUtcNow();
        var next = c.Schedule is null ? now : scheduler.NextOccurrence(c.Schedule, c.TimeZone, now)
            ?? throw new CampaignConflictException($"campaign {id}: schedule '{c.Schedule}' has no occurrence after {now:u}");
        await TransitionAsync(id, [CampaignStates.Draft, CampaignStates.Finished], CampaignStates.Scheduled, "next_run_at = $3", ct, next);
        if (next <= now) jobs.EnqueueSchedulerTick();
    }

    public Task PauseAsync(long id, CancellationToken ct) =>
        TransitionAsync(id, [CampaignStates.Running, CampaignStates.Scheduled], CampaignStates.Paused, null, ct);

    /// <summary>Resumes a paused campaign: back to running (its unfinished chunks re-queued) or to scheduled.</summary>
    public async Task ResumeAsync(long id, CancellationToken ct)
    {
        var progress = await GetAsync(id, ct) ?? throw new KeyNotFoundException($"campaign {id} does not exist");
        var running = progress.RunId is not null && progress.FinishedAt is null;
        await TransitionAsync(id, [CampaignStates.Paused], running ? CampaignStates.Running : CampaignStates.Scheduled, null, ct);
        if (!running) return;
        await using var cmd = db.CreateCommand("""
            select distinct chunk_no from campaign_targets where run_id = $1 and state in ('pending', 'retry', 'sending', 'unknown') order by 1
            """);
        cmd.Parameters.AddWithValue(progress.RunId!.Value);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) jobs.EnqueueChunk(progress.RunId.Value, r.GetInt32(0));
    }

    /// <summary>Cancels: nothing more is sent; sends already under way are still settled.</summary>
    public async Task CancelAsync(long id, CancellationToken ct)
    {
        await TransitionAsync(id, [CampaignStates.Draft, CampaignStates.Scheduled, CampaignStates.Running, CampaignStates.Paused],
            CampaignStates.Cancelled, "next_run_at = null", ct);
        await using var cmd = db.CreateCommand("""
            update campaign_targets t set state = 'cancelled' from campaign_runs r
            where r.id = t.run_id and r.campaign_id = $1 and t.state in ('pending', 'retry')
            """);
        cmd.Parameters.AddWithValue(id);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Changes the SMS rate; running dispatchers pick it up at their next send.</summary>
    public async Task SetPacingAsync(long id, double smsPerSecond, CancellationToken ct)
    {
        if (smsPerSecond is <= 0 or > 10000 || double.IsNaN(smsPerSecond))
            throw new ArgumentOutOfRangeException(nameof(smsPerSecond), smsPerSecond, "smsPerSecond must be above 0 and at most 10000");
        await using var cmd = db.CreateCommand("update campaigns set sms_per_second = $2 where id = $1");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(smsPerSecond);
        if (await cmd.ExecuteNonQueryAsync(ct) == 0) throw new KeyNotFoundException($"campaign {id} does not exist");
    }

    async Task TransitionAsync(long id, string[] from, string to, string? alsoSet, CancellationToken ct, object? extra = null)
    {
        await using var cmd = db.CreateCommand(
            $"update campaigns set state = $2{(alsoSet is null ? "" : ", " + alsoSet)} where id = $1 and state = any($4) returning id");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(to);
        cmd.Parameters.Add(new NpgsqlParameter { Value = extra ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.AddWithValue(from);
        if (await cmd.ExecuteScalarAsync(ct) != null) return;
        var current = (await GetAsync(id, ct))?.Campaign.State ?? throw new KeyNotFoundException($"campaign {id} does not exist");
        throw new CampaignConflictException($"campaign {id} is {current}; it can become {to} only from {string.Join(" or ", from)}");
    }

    async Task<IReadOnlyDictionary<string, long>> CountsAsync(string sql, long? runId, CancellationToken ct)
    {
        var map = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (runId is null) return map;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue(runId.Value);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) map[r.GetString(0)] = r.GetInt64(1);
        return map;
    }

    async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>> ChannelCountsAsync(long? runId, CancellationToken ct)
    {
        var map = new SortedDictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        if (runId is null) return map;
        await using var cmd = db.CreateCommand("""
            select case when a.provider = $2 then 'voice' when a.out_id like $3 then 'sms_in_call' else 'sms' end,
                   case when a.provider = $2 then coalesce(a.code, a.state) else a.state end, count(*)
            from campaign_attempts a join campaign_targets t on t.id = a.target_id where t.run_id = $1 group by 1, 2
            """);
        cmd.Parameters.AddWithValue(runId.Value);
        cmd.Parameters.AddWithValue(VoiceCalls.Provider);
        cmd.Parameters.AddWithValue("%" + VoiceCalls.SmsInCallSuffix);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            if (!map.TryGetValue(r.GetString(0), out var outcomes)) map[r.GetString(0)] = outcomes = new SortedDictionary<string, long>(StringComparer.Ordinal);
            ((SortedDictionary<string, long>)outcomes)[r.GetString(1)] = r.GetInt64(2);
        }
        return map;
    }

    static Campaign Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0), Name = r.GetString(1), Kind = r.GetString(2), State = r.GetString(3), TemplateCode = r.GetString(4),
        TemplateText = r.GetString(5), AudienceSql = r.IsDBNull(6) ? null : r.GetString(6), Schedule = r.IsDBNull(7) ? null : r.GetString(7),
        NextRunAt = r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8), Windows = r.GetString(9), TimeZone = r.GetString(10),
        SmsPerSecond = r.GetDouble(11), MaxConcurrentCalls = r.GetInt32(12), CallsPerSecond = r.GetDouble(13),
        RetryPolicy = r.GetString(14), ChunkSize = r.GetInt32(15),
    };
}
