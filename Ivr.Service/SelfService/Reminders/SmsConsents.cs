using Npgsql;

namespace Ivr.Service.SelfService.Reminders;

/// <summary>
/// Consent to filing-reminder SMS (sms_consents, 0003) kept as one truth with the campaigns' opt-out list
/// (do_not_contact, 0001): giving consent takes the number off the list, withdrawing it puts the number on, in the
/// same transaction, so a reminder campaign never sends to a number that unsubscribed by phone.
/// </summary>
public sealed class SmsConsents(NpgsqlDataSource db)
{
    /// <summary>Where a consent change came from: how (keypad, speech, call) and in which call.</summary>
    public sealed record Source(string Via, string ChannelId, DateTimeOffset At);

    /// <summary>Whether a reminder may go to the number: it consented for some taxpayer, has not withdrawn, and is not opted out.</summary>
    public async Task<bool> MayRemindAsync(string phone, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select exists (select 1 from sms_consents where phone = $1 and withdrawn_at is null)
               and not exists (select 1 from do_not_contact where phone = $1)
            """);
        cmd.Parameters.AddWithValue(phone);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Stores consent; false when the number already has it for that taxpayer and is not opted out.</summary>
    public async Task<bool> GiveAsync(string phone, string taxpayerId, Source source, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var check = new NpgsqlCommand("""
            select exists (select 1 from sms_consents where phone = $1 and taxpayer_id = $2 and withdrawn_at is null),
                   exists (select 1 from do_not_contact where phone = $1)
            """, conn, tx))
        {
            check.Parameters.AddWithValue(phone);
            check.Parameters.AddWithValue(taxpayerId);
            await using var r = await check.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            if (r.GetBoolean(0) && !r.GetBoolean(1)) return false;
        }
        await using (var give = new NpgsqlCommand("""
            insert into sms_consents (phone, taxpayer_id, given_at, given_via, given_channel) values ($1, $2, $3, $4, $5)
            on conflict (phone, taxpayer_id) do update set given_at = excluded.given_at, given_via = excluded.given_via,
                given_channel = excluded.given_channel, withdrawn_at = null, withdrawn_via = null, withdrawn_channel = null
            """, conn, tx))
        {
            give.Parameters.AddWithValue(phone);
            give.Parameters.AddWithValue(taxpayerId);
            give.Parameters.AddWithValue(source.At);
            give.Parameters.AddWithValue(source.Via);
            give.Parameters.AddWithValue(source.ChannelId);
            await give.ExecuteNonQueryAsync(ct);
        }
        // The caller asked for reminders from this very number: that newer, explicit consent ends an earlier opt-out.
        await using (var optIn = new NpgsqlCommand("delete from do_not_contact where phone = $1", conn, tx))
        {
            optIn.Parameters.AddWithValue(phone);
            await optIn.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Withdraws every consent of the number and opts it out of campaigns; false when it had none and was already
    /// opted out. A number that never subscribed is still opted out: campaigns may target it from the taxpayer tables.
    /// </summary>
    public async Task<bool> WithdrawAsync(string phone, Source source, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        int withdrawn, optedOut;
        await using (var withdraw = new NpgsqlCommand("""
            update sms_consents set withdrawn_at = $2, withdrawn_via = $3, withdrawn_channel = $4
            where phone = $1 and withdrawn_at is null
            """, conn, tx))
        {
            withdraw.Parameters.AddWithValue(phone);
            withdraw.Parameters.AddWithValue(source.At);
            withdraw.Parameters.AddWithValue(source.Via);
            withdraw.Parameters.AddWithValue(source.ChannelId);
            withdrawn = await withdraw.ExecuteNonQueryAsync(ct);
        }
        await using (var optOut = new NpgsqlCommand(
            "insert into do_not_contact (phone, reason, added_at) values ($1, $2, $3) on conflict (phone) do nothing", conn, tx))
        {
            optOut.Parameters.AddWithValue(phone);
            optOut.Parameters.AddWithValue($"unsubscribed by phone ({source.Via}, call {source.ChannelId})");
            optOut.Parameters.AddWithValue(source.At);
            optedOut = await optOut.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return withdrawn + optedOut > 0;
    }
}
