using Npgsql;

namespace Ivr.Service.SelfService.Complaints;

/// <summary>A complaint or report as taken by phone.</summary>
public sealed record NewComplaint(string Kind, string Caller, string Recording, string ChannelId, DateTimeOffset At, DateOnly DueOn);

/// <summary>The ticket of a recording; <paramref name="IsNew"/> is false when the recording already had one.</summary>
public sealed record Ticket(string Number, DateOnly DueOn, bool IsNew);

/// <summary>
/// The complaint_tickets table (0003). Ticket numbers are the day (yyyyMMdd, China) and that day's sequence number
/// (5 digits): short enough to read back digit by digit, and counted in the database so every instance agrees.
/// </summary>
public sealed class ComplaintTickets(NpgsqlDataSource db)
{
    /// <summary>The recording's ticket: a new one, or the one an earlier run of the action already made for it.</summary>
    public async Task<Ticket> CreateAsync(NewComplaint complaint, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(complaint.At, ChinaTime.Zone).DateTime);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var earlier = new NpgsqlCommand(
            "select ticket, due_on from complaint_tickets where channel_id = $1 and recording = $2", conn, tx))
        {
            earlier.Parameters.AddWithValue(complaint.ChannelId);
            earlier.Parameters.AddWithValue(complaint.Recording);
            await using var r = await earlier.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct)) return new Ticket(r.GetString(0), r.GetFieldValue<DateOnly>(1), IsNew: false);
        }
        int number;
        await using (var next = new NpgsqlCommand("""
            insert into complaint_ticket_days (day, last_number) values ($1, 1)
            on conflict (day) do update set last_number = complaint_ticket_days.last_number + 1
            returning last_number
            """, conn, tx))
        {
            next.Parameters.AddWithValue(day);
            number = (int)(await next.ExecuteScalarAsync(ct))!;
        }
        var ticket = $"{ChinaTime.Spoken(day)}{number:D5}";
        await using (var insert = new NpgsqlCommand("""
            insert into complaint_tickets (ticket, kind, caller, recording, channel_id, created_at, due_on)
            values ($1, $2, $3, $4, $5, $6, $7)
            """, conn, tx))
        {
            insert.Parameters.AddWithValue(ticket);
            insert.Parameters.AddWithValue(complaint.Kind);
            insert.Parameters.AddWithValue(complaint.Caller);
            insert.Parameters.AddWithValue(complaint.Recording);
            insert.Parameters.AddWithValue(complaint.ChannelId);
            insert.Parameters.AddWithValue(complaint.At);
            insert.Parameters.AddWithValue(complaint.DueOn);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new Ticket(ticket, complaint.DueOn, IsNew: true);
    }
}
