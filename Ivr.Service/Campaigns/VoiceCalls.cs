using Npgsql;

namespace Ivr.Service.Campaigns;

/// <summary>One reserved voice target: the attempt row (state <c>sending</c>) is committed before the call is placed.</summary>
public sealed record VoiceTarget(long TargetId, long AttemptId, string CallId, string Phone, string Variables, int AttemptCount);

/// <summary>
/// The voice side of a chunk, mirroring the SMS sends: the attempt's out id is the call id given to the dialer, the
/// outcome settles the attempt and the target by the retry policy (busy, no answer, failed), a full trunk puts the
/// target back without counting, and calls left unsettled by a dead worker are looked up in the dialer's records.
/// A taxpayer who pressed 2 gets the reminder by SMS after the call (<see cref="ReminderSms"/>).
/// </summary>
public sealed partial class VoiceCalls(NpgsqlDataSource db, IServiceProvider services, TimeProvider clock, DispatchOptions options,
    ReminderSms reminderSms, ILogger<VoiceCalls> logger)
{
    /// <summary>The provider name of voice attempts in <c>campaign_attempts</c>.</summary>
    public const string Provider = "voice";

    /// <summary>The out id of the SMS asked for in a call is the call's id with this suffix: one SMS per call, whatever happens.</summary>
    public const string SmsInCallSuffix = "s";

    /// <summary>
    /// The target variables a call carries to the menu: what the reminder says. Other columns of the audience (a name,
    /// an amount for the SMS text) never reach Asterisk or the call's state.
    /// </summary>
    public static readonly IReadOnlySet<string> CallVariables = new HashSet<string>(StringComparer.Ordinal) { "deadline", "tax" };

    TimeSpan RingTimeout => services.GetService<Calls.Outbound.OutboundDialOptions>()?.RingTimeout ?? TimeSpan.FromSeconds(45);

    IOutboundDialer Dialer => services.GetService<IOutboundDialer>() ?? throw new InvalidOperationException(
        "voice campaign: this service has no outbound dialer (it needs Ari:Url and the call records database, CallRecords:Postgres)");

    public async Task CallAsync(VoiceTarget target, Campaign campaign, CancellationToken ct)
    {
        var variables = TemplateVariables.Parse(target.Variables).Where(v => CallVariables.Contains(v.Key)).ToDictionary();
        var flow = campaign.Kind == CampaignKinds.Voice ? campaign.TemplateCode : options.ReminderFlow;
        var request = new DialRequest(target.CallId, target.Phone, flow, variables, RingTimeout);
        var result = await Dialer.DialAsync(request, ct);
        await RecordAsync(target, reminderSms.TemplateOf(campaign.Kind, campaign.TemplateCode), result, RetryPolicy.Parse(campaign.RetryPolicy), ct);
    }

    async Task RecordAsync(VoiceTarget target, string smsTemplate, DialResult result, RetryPolicy policy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? Retry(string rule) => policy.NextAttempt(rule, target.AttemptCount, now);
        var (attemptState, targetState, next, countDelta) = result.Outcome switch
        {
            DialOutcome.AnsweredAndListened or DialOutcome.Confirmed => ("delivered", TargetStates.Delivered, (DateTimeOffset?)null, 0),
            DialOutcome.Rejected => ("rejected", TargetStates.Failed, null, 0),
            // No line was free: nothing rang, so it is not an attempt against the taxpayer's retry budget.
            DialOutcome.TrunkFull => ("throttled", TargetStates.Pending, now, -1),
            DialOutcome.Busy => Retry(RetryPolicy.Busy) is { } at ? ("failed", TargetStates.Retry, at, 0) : ("failed", TargetStates.Failed, null, 0),
            DialOutcome.NoAnswer => Retry(RetryPolicy.NoAnswer) is { } at ? ("failed", TargetStates.Retry, at, 0) : ("failed", TargetStates.Failed, null, 0),
            _ => Retry(RetryPolicy.CallFailed) is { } at ? ("failed", TargetStates.Retry, at, 0) : ("failed", TargetStates.Failed, null, 0),
        };
        ReminderSms.Pending? sms;
        await using (var conn = await db.OpenConnectionAsync(CancellationToken.None))
        await using (var tx = await conn.BeginTransactionAsync(CancellationToken.None))
        {
            await using (var cmd = new NpgsqlCommand("""
                update campaign_attempts set state = $2, code = $3, detail = $4, finished_at = $5 where id = $1 and state in ('sending', 'unknown')
                """, conn, tx))
            {
                cmd.Parameters.AddWithValue(target.AttemptId);
                cmd.Parameters.AddWithValue(attemptState);
                cmd.Parameters.AddWithValue(Calls.Outbound.OutboundDialStore.Name(result.Outcome));
                cmd.Parameters.AddWithValue(Detail(result));
                cmd.Parameters.AddWithValue(now);
                if (await cmd.ExecuteNonQueryAsync(CancellationToken.None) == 0) return;
            }
            await ChunkDispatcher.SetTargetAsync(conn, tx, target.TargetId, TargetStates.Sending, targetState, next, countDelta);
            // The SMS the taxpayer asked for is recorded as intent with the call's outcome: a crash after this commit
            // leaves an attempt to reconcile, never a lost request or a second message.
            sms = targetState == TargetStates.Delivered && ReminderKeys.AsksForSms(result.KeysPressed)
                ? await reminderSms.RecordIntentAsync(conn, tx, target, target.CallId + SmsInCallSuffix, smsTemplate, now)
                : null;
            await tx.CommitAsync(CancellationToken.None);
        }
        LogCalled(logger, target.AttemptId, result.Outcome, result.AriCause);
        if (sms is not null) await reminderSms.SendAsync(sms, ct);
    }

    static string Detail(DialResult r) => $"cause={r.AriCause?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} keys={r.KeysPressed ?? ""}";

    /// <summary>
    /// Voice attempts of the chunk left <c>sending</c> by a dead worker: settled from the dialer's records once the call is
    /// over; then the SMS asked for in calls whose sending was cut short.
    /// </summary>
    public async Task ReconcileAsync(long runId, int chunk, CancellationToken ct)
    {
        var open = new List<(VoiceTarget Target, string Policy, string SmsTemplate)>();
        await using (var cmd = db.CreateCommand("""
            select a.id, t.id, a.out_id, t.phone, t.variables::text, t.attempt_count, c.retry_policy::text, c.kind, c.template_code
            from campaign_targets t
            join campaign_attempts a on a.target_id = t.id and a.state = 'sending' and a.provider = $3
            join campaign_runs r on r.id = t.run_id join campaigns c on c.id = r.campaign_id
            where t.run_id = $1 and t.chunk_no = $2 and t.state = 'sending'
            """))
        {
            cmd.Parameters.AddWithValue(runId);
            cmd.Parameters.AddWithValue(chunk);
            cmd.Parameters.AddWithValue(Provider);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                open.Add((new VoiceTarget(r.GetInt64(1), r.GetInt64(0), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5)),
                    r.GetString(6), reminderSms.TemplateOf(r.GetString(7), r.GetString(8))));
        }
        foreach (var a in open)
        {
            // Null: the call is still up (or was never placed and no row exists); either way it is not dialled again here.
            var result = await Dialer.LookupAsync(a.Target.CallId, ct) ?? (await NeverDialledAsync(a.Target.CallId, ct) ? new DialResult(DialOutcome.TrunkFull) : null);
            if (result is not null) await RecordAsync(a.Target, a.SmsTemplate, result, RetryPolicy.Parse(a.Policy), ct);
        }
        await reminderSms.ReconcileAsync(runId, chunk, ct);
    }

    /// <summary>A crash between committing the attempt and the dialer's own row: no call was placed, so the target goes out again.</summary>
    async Task<bool> NeverDialledAsync(string callId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select not exists (select 1 from outbound_dials where call_id = $1)");
        cmd.Parameters.AddWithValue(callId);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Debug, Message = "voice attempt {AttemptId}: {Outcome} (cause {Cause})")]
    static partial void LogCalled(ILogger logger, long attemptId, DialOutcome outcome, int? cause);
}
