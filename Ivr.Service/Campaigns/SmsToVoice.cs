using Npgsql;

namespace Ivr.Service.Campaigns;

/// <summary>
/// An sms_then_voice target the SMS did not reach (rejected, provider errors after every retry, a failed delivery receipt
/// after every retry) is handed to the voice channel of the same campaign, once: in the transaction that settles its last
/// SMS, the target goes back to <c>pending</c> with a fresh retry budget and gets a voice attempt row <c>not_sent</c>/<c>from_sms</c>
/// saying why. That row is what makes every later attempt of the target a call (<see cref="ChunkDispatcher"/> reserves by it),
/// so a crash or a second receipt can neither hand it over twice nor send it another SMS.
/// </summary>
static class SmsToVoice
{
    /// <summary>The code of the voice attempt row that records the hand-over.</summary>
    public const string HandedOver = "from_sms";

    /// <summary>Hands the target over if it is still in <paramref name="fromState"/>; false when something else settled it first.</summary>
    public static async Task<bool> HandOverAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long targetId, string fromState, string reason, DateTimeOffset now)
    {
        await using (var target = new NpgsqlCommand("""
            update campaign_targets set state = 'pending', attempt_count = 0, next_attempt_at = $3
            where id = $1 and state = $2 and not exists (select 1 from campaign_attempts where target_id = $1 and provider = $4)
            """, conn, tx))
        {
            target.Parameters.AddWithValue(targetId);
            target.Parameters.AddWithValue(fromState);
            target.Parameters.AddWithValue(now);
            target.Parameters.AddWithValue(VoiceCalls.Provider);
            if (await target.ExecuteNonQueryAsync() == 0) return false;
        }
        await using var marker = new NpgsqlCommand("""
            insert into campaign_attempts (target_id, attempt_no, out_id, provider, state, code, detail, started_at, finished_at)
            select $1, n, 'c' || $1 || 'a' || n, $2, 'not_sent', $3, left($4, 500), $5, $5
            from (select coalesce(max(attempt_no), 0) + 1 as n from campaign_attempts where target_id = $1) a
            """, conn, tx);
        marker.Parameters.AddWithValue(targetId);
        marker.Parameters.AddWithValue(VoiceCalls.Provider);
        marker.Parameters.AddWithValue(HandedOver);
        marker.Parameters.AddWithValue(reason);
        marker.Parameters.AddWithValue(now);
        await marker.ExecuteNonQueryAsync();
        return true;
    }

    /// <summary>Settles a target whose SMS channel is finished without reaching it: handed to voice, or failed.</summary>
    public static async Task FailOrHandOverAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string kind, long targetId, string fromState, string reason, DateTimeOffset now)
    {
        if (kind == CampaignKinds.SmsThenVoice && await HandOverAsync(conn, tx, targetId, fromState, reason, now)) return;
        await ChunkDispatcher.SetTargetAsync(conn, tx, targetId, fromState, TargetStates.Failed, null, 0);
    }
}
