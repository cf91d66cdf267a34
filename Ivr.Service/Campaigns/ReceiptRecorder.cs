using Npgsql;
using NpgsqlTypes;

namespace Ivr.Service.Campaigns;

/// <summary>A delivery receipt in provider-neutral form: found by our OutId or the provider's message id.</summary>
public sealed record SmsReceipt(string Provider, string? OutId, string? ProviderMessageId, bool Success, string? Code, string RawJson);

/// <summary>
/// Applies delivery receipts: a success makes the target delivered; a failure goes through the retry policy's
/// <c>delivery_failed</c> rule. Every receipt is kept, so one that arrives before its send was recorded is applied
/// when the send is.
/// </summary>
public sealed class ReceiptRecorder(NpgsqlDataSource db, TimeProvider clock, ICampaignJobs jobs)
{
    public async Task ApplyAsync(SmsReceipt receipt, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            insert into sms_receipts (provider, out_id, provider_message_id, success, code, body) values ($1, $2, $3, $4, $5, $6)
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue(receipt.Provider);
            cmd.Parameters.AddWithValue((object?)receipt.OutId ?? DBNull.Value);
            cmd.Parameters.AddWithValue((object?)receipt.ProviderMessageId ?? DBNull.Value);
            cmd.Parameters.AddWithValue(receipt.Success);
            cmd.Parameters.AddWithValue((object?)receipt.Code ?? DBNull.Value);
            cmd.Parameters.AddWithValue(NpgsqlDbType.Jsonb, receipt.RawJson);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        long? attemptId;
        await using (var cmd = new NpgsqlCommand("""
            select id from campaign_attempts where provider = $1 and (out_id = $2 or provider_message_id = $3) order by id desc limit 1 for update
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue(receipt.Provider);
            cmd.Parameters.AddWithValue((object?)receipt.OutId ?? DBNull.Value);
            cmd.Parameters.AddWithValue((object?)receipt.ProviderMessageId ?? DBNull.Value);
            attemptId = (long?)await cmd.ExecuteScalarAsync(ct);
        }
        var retry = attemptId is { } id ? await ApplyToAttemptAsync(conn, tx, id, receipt.Success, receipt.Code) : null;
        await tx.CommitAsync(ct);
        if (retry is { } r) jobs.ScheduleChunk(r.RunId, r.Chunk, r.At);
    }

    /// <summary>Applies a receipt that arrived while its send was still being recorded.</summary>
    internal async Task ApplyEarlyReceiptAsync(long attemptId)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        bool success;
        string? code;
        await using (var cmd = new NpgsqlCommand("""
            select r.success, r.code from campaign_attempts a
            join sms_receipts r on r.provider = a.provider and (r.out_id = a.out_id or r.provider_message_id = a.provider_message_id)
            where a.id = $1 order by r.id desc limit 1
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue(attemptId);
            await using var r = await cmd.ExecuteReaderAsync();
            if (!await r.ReadAsync()) return;
            (success, code) = (r.GetBoolean(0), r.IsDBNull(1) ? null : r.GetString(1));
        }
        await ApplyToAttemptAsync(conn, tx, attemptId, success, code);
        await tx.CommitAsync();
    }

    async Task<(long RunId, int Chunk, DateTimeOffset At)?> ApplyToAttemptAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long attemptId, bool success, string? code)
    {
        var now = clock.GetUtcNow();
        long targetId, runId;
        int chunk, attempts;
        string targetState, policyJson, campaignState, kind;
        await using (var cmd = new NpgsqlCommand("""
            update campaign_attempts a set state = $2, code = coalesce($3, a.code), finished_at = coalesce(a.finished_at, $4)
            from campaign_targets t, campaign_runs r, campaigns c
            where a.id = $1 and t.id = a.target_id and r.id = t.run_id and c.id = r.campaign_id
              and a.state in ('sending', 'unknown', 'accepted')
              and a.attempt_no = (select max(attempt_no) from campaign_attempts where target_id = t.id)
            returning t.id, t.run_id, t.chunk_no, t.attempt_count, t.state, c.retry_policy::text, c.state, c.kind
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue(attemptId);
            cmd.Parameters.AddWithValue(success ? "delivered" : "failed");
            cmd.Parameters.AddWithValue((object?)code ?? DBNull.Value);
            cmd.Parameters.AddWithValue(now);
            await using var r = await cmd.ExecuteReaderAsync();
            if (!await r.ReadAsync()) return null;
            (targetId, runId, chunk, attempts, targetState, policyJson, campaignState, kind) =
                (r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetInt32(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7));
        }
        if (targetState is not (TargetStates.Sent or TargetStates.Unknown or TargetStates.Sending)) return null;
        if (success)
        {
            await ChunkDispatcher.SetTargetAsync(conn, tx, targetId, targetState, TargetStates.Delivered, null, 0);
            return null;
        }
        var next = campaignState == CampaignStates.Cancelled ? null
            : RetryPolicy.Parse(policyJson).NextAttempt(RetryPolicy.DeliveryFailed, attempts, now);
        if (next is null && campaignState != CampaignStates.Cancelled && kind == CampaignKinds.SmsThenVoice
            && await SmsToVoice.HandOverAsync(conn, tx, targetId, targetState, $"sms delivery failed: {code}", now))
            next = now;
        else
            await ChunkDispatcher.SetTargetAsync(conn, tx, targetId, targetState, next is null ? TargetStates.Failed : TargetStates.Retry, next, 0);
        if (next is not { } at) return null;
        // The run may already have been closed as complete: a retry or a hand-over to voice reopens it (a paused campaign stays paused).
        await using (var reopen = new NpgsqlCommand("""
            with run as (update campaign_runs set finished_at = null where id = $1 returning campaign_id)
            update campaigns c set state = 'running' from run where c.id = run.campaign_id and c.state in ('finished', 'scheduled')
            """, conn, tx))
        {
            reopen.Parameters.AddWithValue(runId);
            await reopen.ExecuteNonQueryAsync();
        }
        return (runId, chunk, at);
    }
}
