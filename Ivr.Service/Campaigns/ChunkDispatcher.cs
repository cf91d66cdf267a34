using Ivr.Service.Calendar;
using Ivr.Service.Sms;
using Npgsql;

namespace Ivr.Service.Campaigns;

/// <summary>
/// Sends the SMS of one chunk of a run, exactly once per target: the attempt row (state <c>sending</c>, with the
/// OutId the provider echoes) is committed before the provider is called; a send that ends without a recorded
/// answer is later looked up at the provider or resolved by its receipt, never blindly resent. A session advisory
/// lock makes the chunk single-owner, so unfinished sends found under the lock belong to a dead worker.
/// </summary>
public sealed partial class ChunkDispatcher(
    NpgsqlDataSource db, ISmsSender sms, RedisPacer pacer, WorkingDayCalendar calendar, TimeProvider clock,
    DispatchOptions options, ReceiptRecorder receipts, ILogger<ChunkDispatcher> logger, VoiceCalls voice)
{
    public async Task<ChunkResult> RunAsync(long runId, int chunk, CancellationToken ct)
    {
        await using var lockConn = await db.OpenConnectionAsync(ct);
        if (!await LockAsync(lockConn, "pg_try_advisory_lock", runId, chunk, ct)) return new ChunkResult.Busy();
        try
        {
            return await RunLockedAsync(runId, chunk, ct);
        }
        finally
        {
            // A pooled connection keeps its session locks while idle in the pool: released here, or the next run of the
            // chunk on another connection would find it busy.
            await LockAsync(lockConn, "pg_advisory_unlock", runId, chunk, CancellationToken.None);
        }
    }

    async Task<ChunkResult> RunLockedAsync(long runId, int chunk, CancellationToken ct)
    {
        await ReconcileAsync(runId, chunk, ct);
        await voice.ReconcileAsync(runId, chunk, ct);
        CallingWindows? windows = null;
        string? windowsKey = null;
        while (true)
        {
            var c = await CampaignOfRunAsync(runId, ct);
            if (c.State != CampaignStates.Running) return new ChunkResult.Stopped(c.State);
            if (windowsKey != c.Windows + "|" + c.TimeZone)
            {
                windows = CallingWindows.Parse(c.Windows, c.TimeZone, calendar);
                windowsKey = c.Windows + "|" + c.TimeZone;
            }
            var now = clock.GetUtcNow();
            if (!windows!.IsOpen(now)) return new ChunkResult.ResumeAt(windows.NextOpen(now));

            var isVoice = c.Kind == CampaignKinds.Voice;
            await pacer.TakeAsync(c.Id, isVoice ? c.CallsPerSecond : c.SmsPerSecond, ct);
            var target = await ReserveAsync(runId, chunk, clock.GetUtcNow(), c.Kind, ct);
            if (target == null) return await WhatNextAsync(runId, chunk, windows, ct);
            if (target.Provider == VoiceCalls.Provider)
            {
                // A target handed over from SMS: calls keep their own rate, apart from the SMS bucket.
                if (!isVoice) await pacer.TakeAsync(c.Id, c.CallsPerSecond, ct, VoiceCalls.Provider);
                await voice.CallAsync(new VoiceTarget(target.TargetId, target.AttemptId, target.OutId, target.Phone, target.Variables, target.AttemptCount), c, ct);
                continue;
            }

            var message = new SmsMessage(target.OutId, target.Phone, c.TemplateCode, TemplateVariables.Parse(target.Variables));
            var result = await sms.SendAsync(message, ct);
            LogSent(logger, target.OutId, SmsHttp.Mask(target.Phone), result.Outcome, result.Code);
            if (result.Outcome == SmsOutcome.Throttled)
                LogThrottled(logger, c.Id, await pacer.ThrottledAsync(c.Id), result.Code);
            await RecordAsync(target, result, c.Kind, RetryPolicy.Parse(c.RetryPolicy), ct);
        }
    }

    static async Task<bool> LockAsync(NpgsqlConnection conn, string function, long runId, int chunk, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select {function}($1::int, $2)", conn);
        // Two-int form: run ids stay far below 2^31 in practice; the class id keeps campaign locks apart from others.
        cmd.Parameters.AddWithValue((int)(0x5000_0000 + runId % 0x1000_0000));
        cmd.Parameters.AddWithValue(chunk);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    async Task<Campaign> CampaignOfRunAsync(long runId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select c.id, c.state, c.template_code, c.windows, c.time_zone, c.sms_per_second, c.retry_policy::text, c.name, c.kind, c.calls_per_second
            from campaign_runs r join campaigns c on c.id = r.campaign_id where r.id = $1
            """);
        cmd.Parameters.AddWithValue(runId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw new InvalidOperationException($"campaign run {runId} does not exist");
        return new Campaign
        {
            Id = r.GetInt64(0), State = r.GetString(1), TemplateCode = r.GetString(2), Windows = r.GetString(3),
            TimeZone = r.GetString(4), SmsPerSecond = r.GetDouble(5), RetryPolicy = r.GetString(6), Name = r.GetString(7),
            Kind = r.GetString(8), CallsPerSecond = r.GetDouble(9),
        };
    }

    sealed record Reserved(long TargetId, long AttemptId, string OutId, string Phone, string Variables, int AttemptCount, string Provider);

    /// <summary>
    /// Moves the next due target to <c>sending</c> and writes its attempt, in one committed transaction. The channel is the
    /// campaign's, except in sms_then_voice, where a target handed over to voice (<see cref="SmsToVoice"/>) is called.
    /// </summary>
    async Task<Reserved?> ReserveAsync(long runId, int chunk, DateTimeOffset now, string kind, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long targetId;
        string phone, variables, provider;
        int attempts;
        await using (var cmd = new NpgsqlCommand("""
            update campaign_targets t set state = 'sending', attempt_count = t.attempt_count + 1
            from (select id from campaign_targets
                  where run_id = $1 and chunk_no = $2 and state in ('pending', 'retry') and next_attempt_at <= $3
                  order by id limit 1 for update skip locked) next
            where t.id = next.id
            returning t.id, t.phone, t.variables::text, t.attempt_count,
                exists (select 1 from campaign_attempts a where a.target_id = t.id and a.provider = $4)
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue(runId);
            cmd.Parameters.AddWithValue(chunk);
            cmd.Parameters.AddWithValue(now);
            cmd.Parameters.AddWithValue(VoiceCalls.Provider);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return null;
            (targetId, phone, variables, attempts) = (r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt32(3));
            provider = kind == CampaignKinds.Voice || kind == CampaignKinds.SmsThenVoice && r.GetBoolean(4) ? VoiceCalls.Provider : sms.Provider;
        }
        await using var insert = new NpgsqlCommand("""
            insert into campaign_attempts (target_id, attempt_no, out_id, provider, state, started_at)
            select $1, n, 'c' || $1 || 'a' || n, $2, 'sending', $3
            from (select coalesce(max(attempt_no), 0) + 1 as n from campaign_attempts where target_id = $1) a
            returning id, out_id
            """, conn, tx);
        insert.Parameters.AddWithValue(targetId);
        insert.Parameters.AddWithValue(provider);
        insert.Parameters.AddWithValue(now);
        long attemptId;
        string outId;
        await using (var r = await insert.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            (attemptId, outId) = (r.GetInt64(0), r.GetString(1));
        }
        await tx.CommitAsync(ct);
        return new Reserved(targetId, attemptId, outId, phone, variables, attempts, provider);
    }

    async Task RecordAsync(Reserved t, SmsSendResult result, string kind, RetryPolicy policy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (attemptState, targetState, next, countDelta) = result.Outcome switch
        {
            SmsOutcome.Accepted => ("accepted", TargetStates.Sent, (DateTimeOffset?)null, 0),
            SmsOutcome.Rejected => ("rejected", TargetStates.Failed, null, 0),
            // Throttled sends never left: they do not count against the retry budget.
            SmsOutcome.Throttled => ("throttled", TargetStates.Pending, now, -1),
            SmsOutcome.Failed => policy.NextAttempt(RetryPolicy.ProviderError, t.AttemptCount, now) is { } at
                ? ("failed", TargetStates.Retry, at, 0) : ("failed", TargetStates.Failed, null, 0),
            _ => ("unknown", TargetStates.Unknown, null, 0),
        };
        await using var conn = await db.OpenConnectionAsync(CancellationToken.None);
        await using var tx = await conn.BeginTransactionAsync(CancellationToken.None);
        // Only a send still marked 'sending' is ours to settle: a receipt may already have been faster.
        await using (var cmd = new NpgsqlCommand("""
            update campaign_attempts set state = $2, provider_message_id = $3, code = $4, detail = left($5, 500), finished_at = $6
            where id = $1 and state = 'sending'
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue(t.AttemptId);
            cmd.Parameters.AddWithValue(attemptState);
            cmd.Parameters.AddWithValue((object?)result.ProviderMessageId ?? DBNull.Value);
            cmd.Parameters.AddWithValue((object?)result.Code ?? DBNull.Value);
            cmd.Parameters.AddWithValue((object?)result.Detail ?? DBNull.Value);
            cmd.Parameters.AddWithValue(now);
            if (await cmd.ExecuteNonQueryAsync(CancellationToken.None) == 0) return;
        }
        if (targetState == TargetStates.Failed)
            await SmsToVoice.FailOrHandOverAsync(conn, tx, kind, t.TargetId, TargetStates.Sending, $"sms {attemptState}: {result.Code}", now);
        else
            await SetTargetAsync(conn, tx, t.TargetId, TargetStates.Sending, targetState, next, countDelta);
        await tx.CommitAsync(CancellationToken.None);
        if (result.Outcome == SmsOutcome.Accepted)
            await receipts.ApplyEarlyReceiptAsync(t.AttemptId);
    }

    internal static async Task SetTargetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long targetId, string fromState, string toState, DateTimeOffset? next, int countDelta)
    {
        await using var cmd = new NpgsqlCommand("""
            update campaign_targets set state = $3, next_attempt_at = coalesce($4, next_attempt_at), attempt_count = attempt_count + $5
            where id = $1 and state = $2
            """, conn, tx);
        cmd.Parameters.AddWithValue(targetId);
        cmd.Parameters.AddWithValue(fromState);
        cmd.Parameters.AddWithValue(toState);
        cmd.Parameters.AddWithValue((object?)next ?? DBNull.Value);
        cmd.Parameters.AddWithValue(countDelta);
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Settles sends left unfinished by a dead worker or answered ambiguously, by asking the provider.</summary>
    async Task ReconcileAsync(long runId, int chunk, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = new List<(long AttemptId, long TargetId, string OutId, DateTimeOffset StartedAt, string Phone, string Variables, string Template)>();
        await using (var cmd = db.CreateCommand("""
            select a.id, t.id, a.out_id, a.started_at, t.phone, t.variables::text, c.template_code
            from campaign_targets t
            join campaign_attempts a on a.target_id = t.id and a.state in ('sending', 'unknown')
            join campaign_runs r on r.id = t.run_id join campaigns c on c.id = r.campaign_id
            where t.run_id = $1 and t.chunk_no = $2 and t.state in ('sending', 'unknown') and a.provider = $3 and a.started_at <= $4
            """))
        {
            cmd.Parameters.AddWithValue(runId);
            cmd.Parameters.AddWithValue(chunk);
            cmd.Parameters.AddWithValue(sms.Provider);
            cmd.Parameters.AddWithValue(now - options.ReconcileAfter);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                open.Add((r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4), r.GetString(5), r.GetString(6)));
        }
        foreach (var a in open)
        {
            var lookup = await sms.LookupAsync(new SmsMessage(a.OutId, a.Phone, a.Template, TemplateVariables.Parse(a.Variables)), a.StartedAt, ct);
            LogReconciled(logger, a.OutId, lookup.Outcome);
            var (attemptState, targetState, delta) = lookup.Outcome switch
            {
                SmsLookupOutcome.Sent => ("accepted", TargetStates.Sent, 0),
                // It never left: the attempt does not count, and the target goes out again.
                SmsLookupOutcome.NotSent => ("not_sent", TargetStates.Pending, -1),
                _ when a.StartedAt < now - options.GiveUpUnknownAfter => ("unknown", TargetStates.Failed, 0),
                _ => ("unknown", TargetStates.Unknown, 0),
            };
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            await using (var cmd = new NpgsqlCommand("""
                update campaign_attempts set state = $2, provider_message_id = coalesce($3, provider_message_id),
                    code = case when $2 = 'unknown' and $5 then 'unresolved' else code end, finished_at = coalesce(finished_at, $4)
                where id = $1 and state in ('sending', 'unknown')
                """, conn, tx))
            {
                cmd.Parameters.AddWithValue(a.AttemptId);
                cmd.Parameters.AddWithValue(attemptState);
                cmd.Parameters.AddWithValue((object?)lookup.ProviderMessageId ?? DBNull.Value);
                cmd.Parameters.AddWithValue(now);
                cmd.Parameters.AddWithValue(targetState == TargetStates.Failed);
                if (await cmd.ExecuteNonQueryAsync(ct) == 0) continue;
            }
            await using (var cmd = new NpgsqlCommand("""
                update campaign_targets set state = $2, attempt_count = attempt_count + $3 where id = $1 and state in ('sending', 'unknown')
                """, conn, tx))
            {
                cmd.Parameters.AddWithValue(a.TargetId);
                cmd.Parameters.AddWithValue(targetState);
                cmd.Parameters.AddWithValue(delta);
                await cmd.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
    }

    async Task<ChunkResult> WhatNextAsync(long runId, int chunk, CallingWindows windows, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select min(next_attempt_at) filter (where state in ('pending', 'retry')),
                   count(*) filter (where state in ('sending', 'unknown'))
                   + (select count(*) from campaign_attempts a join campaign_targets f on f.id = a.target_id
                      where f.run_id = $1 and f.chunk_no = $2 and a.state in ('sending', 'unknown') and a.out_id like $3)
            from campaign_targets where run_id = $1 and chunk_no = $2
            """);
        cmd.Parameters.AddWithValue(runId);
        cmd.Parameters.AddWithValue(chunk);
        cmd.Parameters.AddWithValue("%" + VoiceCalls.SmsInCallSuffix);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var now = clock.GetUtcNow();
        DateTimeOffset? at = r.IsDBNull(0) ? null : windows.NextOpen(Max(r.GetFieldValue<DateTimeOffset>(0), now));
        if (r.GetInt64(1) > 0)
        {
            var recheck = now + (options.RecheckUnknownEvery < options.ReconcileAfter ? options.RecheckUnknownEvery : options.ReconcileAfter);
            at = at is { } a && a < recheck ? a : recheck;
        }
        return at is { } when ? new ChunkResult.ResumeAt(when) : new ChunkResult.Done();
    }

    static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "SMS {OutId} to {Phone}: {Outcome} {Code}")]
    static partial void LogSent(ILogger logger, string outId, string phone, SmsOutcome outcome, string? code);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Campaign {CampaignId} throttled by the provider ({Code}); all instances pause {Pause}")]
    static partial void LogThrottled(ILogger logger, long campaignId, TimeSpan pause, string? code);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Information, Message = "Unfinished SMS {OutId} reconciled: {Outcome}")]
    static partial void LogReconciled(ILogger logger, string outId, SmsLookupOutcome outcome);
}
