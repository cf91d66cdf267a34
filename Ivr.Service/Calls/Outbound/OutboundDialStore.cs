using Ivr.Service.Calls.Records;
using Ivr.Service.Campaigns;
using Npgsql;

namespace Ivr.Service.Calls.Outbound;

/// <summary>The <c>outbound_dials</c> table: a row per call, written before the originate and settled when it ends.</summary>
public sealed class OutboundDialStore(CallRecordsDatabase database)
{
    NpgsqlDataSource Db => database.DataSource;

    /// <summary>Records the intent to dial; false when this call id was dialled before (it must be looked up, not dialled again).</summary>
    public async Task<bool> TryBeginAsync(string callId, string channelId, string phone, string menuFlow, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = Db.CreateCommand("""
            insert into outbound_dials (call_id, channel_id, phone, menu_flow, started_at) values ($1, $2, $3, $4, $5)
            on conflict (call_id) do nothing
            """);
        cmd.Parameters.AddWithValue(callId);
        cmd.Parameters.AddWithValue(channelId);
        cmd.Parameters.AddWithValue(phone);
        cmd.Parameters.AddWithValue(menuFlow);
        cmd.Parameters.AddWithValue(at);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Records a callback leg about to be originated, under its channel id; false when that leg already has a row (a
    /// placement run twice), so an attempt is never counted twice.
    /// </summary>
    public async Task<bool> TryBeginCallbackAsync(CallbackDial dial, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = Db.CreateCommand("""
            insert into outbound_dials (call_id, channel_id, phone, started_at, kind, callback_id, callback_attempt, leg, seat)
            values ($1, $1, $2, $3, 'callback', $4, $5, $6, $7)
            on conflict (call_id) do nothing
            """);
        cmd.Parameters.AddWithValue(dial.ChannelId);
        cmd.Parameters.AddWithValue(dial.Dialled);
        cmd.Parameters.AddWithValue(at);
        cmd.Parameters.AddWithValue(dial.CallbackId);
        cmd.Parameters.AddWithValue(dial.Attempt);
        cmd.Parameters.AddWithValue(dial.SeatLeg ? "seat" : "taxpayer");
        cmd.Parameters.AddWithValue(dial.Seat);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task FinishAsync(string callId, DialResult result, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = Db.CreateCommand("""
            update outbound_dials set outcome = $2, ari_cause = $3, keys_pressed = $4, ended_at = $5 where call_id = $1 and outcome is null
            """);
        cmd.Parameters.AddWithValue(callId);
        cmd.Parameters.AddWithValue(Name(result.Outcome));
        cmd.Parameters.AddWithValue((object?)result.AriCause ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)result.KeysPressed ?? DBNull.Value);
        cmd.Parameters.AddWithValue(at);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The dial row: its channel and, once settled, its result.</summary>
    public async Task<(string ChannelId, DialResult? Result)?> GetAsync(string callId, CancellationToken ct)
    {
        await using var cmd = Db.CreateCommand("select channel_id, outcome, ari_cause, keys_pressed from outbound_dials where call_id = $1");
        cmd.Parameters.AddWithValue(callId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var result = r.IsDBNull(1) ? null
            : new DialResult(Parse(r.GetString(1)), r.IsDBNull(2) ? null : r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3));
        return (r.GetString(0), result);
    }

    /// <summary>Outcomes as stored: snake_case of the enum (answered_and_listened, no_answer, ...).</summary>
    public static string Name(DialOutcome outcome) =>
        string.Concat(outcome.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    static DialOutcome Parse(string name) => Enum.GetValues<DialOutcome>().First(o => Name(o) == name);
}

/// <summary>
/// One leg of a queued callback as dialled: <paramref name="Dialled"/> is the taxpayer's number or the seat id,
/// <paramref name="Attempt"/> counts from 1 (busy and no answer of the taxpayer start the next one).
/// </summary>
public sealed record CallbackDial(string ChannelId, string CallbackId, int Attempt, bool SeatLeg, string Seat, string Dialled);
