using Ivr.Service.Sms;
using Npgsql;

namespace Ivr.Service.Campaigns;

/// <summary>
/// The reminder SMS a taxpayer asks for by pressing 2 in a reminder call, sent on the campaign's SMS path: an attempt of
/// the target (out id: the call id + <c>s</c>, unique) is written with the call's outcome, unless the number is on the
/// do-not-contact list (then it is kept as <c>not_sent</c>/<c>opted_out</c>); it is sent after the commit, and one left
/// unsent by a crash is looked up at the provider and sent only if it never left. It is sent once: a provider failure
/// is recorded, not retried, as the taxpayer already heard the reminder.
/// </summary>
public sealed partial class ReminderSms(NpgsqlDataSource db, ISmsSender sms, ReceiptRecorder receipts, TimeProvider clock,
    DispatchOptions options, ILogger<ReminderSms> logger)
{
    /// <summary>An SMS recorded as intent and not yet sent.</summary>
    public sealed record Pending(long AttemptId, string OutId, string Phone, string Template, string Variables);

    /// <summary>Records the SMS in the transaction settling the call; null when it is not to be sent (opted out, or recorded before).</summary>
    internal async Task<Pending?> RecordIntentAsync(NpgsqlConnection conn, NpgsqlTransaction tx, VoiceTarget target, string outId, string template, DateTimeOffset now)
    {
        await using var cmd = new NpgsqlCommand("""
            insert into campaign_attempts (target_id, attempt_no, out_id, provider, state, code, started_at, finished_at)
            select $1, a.n, $2, $3, case when d.opted_out then 'not_sent' else 'sending' end,
                   case when d.opted_out then 'opted_out' end, $4, case when d.opted_out then $4 end
            from (select coalesce(max(attempt_no), 0) + 1 as n from campaign_attempts where target_id = $1) a,
                 (select exists (select 1 from do_not_contact where phone = $5) as opted_out) d
            on conflict (out_id) do nothing
            returning id, state
            """, conn, tx);
        cmd.Parameters.AddWithValue(target.TargetId);
        cmd.Parameters.AddWithValue(outId);
        cmd.Parameters.AddWithValue(sms.Provider);
        cmd.Parameters.AddWithValue(now);
        cmd.Parameters.AddWithValue(target.Phone);
        await using var r = await cmd.ExecuteReaderAsync(CancellationToken.None);
        if (!await r.ReadAsync(CancellationToken.None)) return null;
        var (id, state) = (r.GetInt64(0), r.GetString(1));
        if (state != TargetStates.Sending) LogOptedOut(logger, outId);
        return state == TargetStates.Sending ? new Pending(id, outId, target.Phone, template, target.Variables) : null;
    }

    /// <summary>The provider template: the campaign's own in sms_then_voice (its templateCode is an SMS template), else the configured one.</summary>
    public string TemplateOf(string kind, string templateCode) => kind == CampaignKinds.SmsThenVoice ? templateCode : options.ReminderSmsTemplate;

    public async Task SendAsync(Pending p, CancellationToken ct)
    {
        var result = await sms.SendAsync(new SmsMessage(p.OutId, p.Phone, p.Template, TemplateVariables.Parse(p.Variables)), ct);
        LogSent(logger, p.OutId, SmsHttp.Mask(p.Phone), result.Outcome, result.Code);
        var state = result.Outcome switch
        {
            SmsOutcome.Accepted => "accepted",
            SmsOutcome.Rejected => "rejected",
            SmsOutcome.Ambiguous => "unknown",
            _ => "failed",
        };
        await using (var cmd = db.CreateCommand("""
            update campaign_attempts set state = $2, provider_message_id = $3, code = $4, detail = left($5, 500),
                finished_at = case when $2 = 'unknown' then null else $6 end
            where id = $1 and state in ('sending', 'unknown')
            """))
        {
            cmd.Parameters.AddWithValue(p.AttemptId);
            cmd.Parameters.AddWithValue(state);
            cmd.Parameters.AddWithValue((object?)result.ProviderMessageId ?? DBNull.Value);
            cmd.Parameters.AddWithValue((object?)(result.Outcome == SmsOutcome.Throttled ? "throttled" : result.Code) ?? DBNull.Value);
            cmd.Parameters.AddWithValue((object?)result.Detail ?? DBNull.Value);
            cmd.Parameters.AddWithValue(clock.GetUtcNow());
            await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        }
        if (result.Outcome == SmsOutcome.Accepted) await receipts.ApplyEarlyReceiptAsync(p.AttemptId);
    }

    /// <summary>SMS asked for in calls of the chunk whose sending was cut short or answered ambiguously: asked about, then settled or sent.</summary>
    public async Task ReconcileAsync(long runId, int chunk, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = new List<(Pending Sms, DateTimeOffset StartedAt)>();
        await using (var cmd = db.CreateCommand("""
            select a.id, a.out_id, t.phone, c.kind, c.template_code, t.variables::text, a.started_at
            from campaign_attempts a
            join campaign_targets t on t.id = a.target_id join campaign_runs r on r.id = t.run_id join campaigns c on c.id = r.campaign_id
            where t.run_id = $1 and t.chunk_no = $2 and a.provider = $3 and a.out_id like $4 and a.state in ('sending', 'unknown') and a.started_at <= $5
            """))
        {
            cmd.Parameters.AddWithValue(runId);
            cmd.Parameters.AddWithValue(chunk);
            cmd.Parameters.AddWithValue(sms.Provider);
            cmd.Parameters.AddWithValue("%" + VoiceCalls.SmsInCallSuffix);
            cmd.Parameters.AddWithValue(now - options.ReconcileAfter);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                open.Add((new Pending(r.GetInt64(0), r.GetString(1), r.GetString(2), TemplateOf(r.GetString(3), r.GetString(4)), r.GetString(5)),
                    r.GetFieldValue<DateTimeOffset>(6)));
        }
        foreach (var (p, startedAt) in open)
        {
            var lookup = await sms.LookupAsync(new SmsMessage(p.OutId, p.Phone, p.Template, TemplateVariables.Parse(p.Variables)), startedAt, ct);
            if (lookup.Outcome == SmsLookupOutcome.NotSent)
                await SendAsync(p, ct);
            else if (lookup.Outcome == SmsLookupOutcome.Sent || startedAt < now - options.GiveUpUnknownAfter)
                await SettleAsync(p.AttemptId, lookup, now, ct);
        }
    }

    async Task SettleAsync(long attemptId, SmsLookup lookup, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            update campaign_attempts set state = $2, provider_message_id = coalesce($3, provider_message_id),
                code = case when $2 = 'failed' then 'unresolved' else code end, finished_at = $4
            where id = $1 and state in ('sending', 'unknown')
            """);
        cmd.Parameters.AddWithValue(attemptId);
        cmd.Parameters.AddWithValue(lookup.Outcome == SmsLookupOutcome.Sent ? "accepted" : "failed");
        cmd.Parameters.AddWithValue((object?)lookup.ProviderMessageId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(now);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "reminder SMS {OutId} asked for in a call to {Phone}: {Outcome} {Code}")]
    static partial void LogSent(ILogger logger, string outId, string phone, SmsOutcome outcome, string? code);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Information, Message = "reminder SMS {OutId} asked for in a call not sent: the number opted out of reminders")]
    static partial void LogOptedOut(ILogger logger, string outId);
}
