using Npgsql;

namespace Ivr.Service.Campaigns;

/// <summary>
/// Turns an audience (a supervisor's SELECT, or the uploaded CSV rows) into the targets of a run in one
/// INSERT … SELECT: one target per taxpayer, numbered into chunks, opted-out numbers kept as <c>opted_out</c> so
/// results show who was deliberately skipped.
/// </summary>
public static class AudiencePlanner
{
    /// <summary>Time allowed to bulk statements over a whole audience (planning, CSV import).</summary>
    public static readonly TimeSpan BulkTimeout = TimeSpan.FromMinutes(30);

    public static async Task<long> MaterialiseAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long campaignId, long runId, string? audienceSql, int chunkSize, CancellationToken ct)
    {
        var source = audienceSql is null
            ? "select taxpayer_id, phone, variables from campaign_audience_rows where campaign_id = $3"
            : $"select s.taxpayer_id::text as taxpayer_id, s.phone::text as phone, to_jsonb(s) - 'taxpayer_id' - 'phone' as variables from ({audienceSql}) s";
        await using var cmd = new NpgsqlCommand($"""
            insert into campaign_targets (run_id, chunk_no, taxpayer_id, phone, variables, state)
            select $1, ((row_number() over (order by a.taxpayer_id)) - 1) / $2, a.taxpayer_id, a.phone, a.variables,
                   case when exists (select 1 from do_not_contact d where d.phone = a.phone) then 'opted_out' else 'pending' end
            from (select distinct on (taxpayer_id) taxpayer_id, phone, variables from ({source}) src order by taxpayer_id) a
            """, conn, tx);
        // A million-taxpayer audience takes longer than Npgsql's 30 s default (seen in the benchmark).
        cmd.CommandTimeout = (int)BulkTimeout.TotalSeconds;
        cmd.Parameters.AddWithValue(runId);
        cmd.Parameters.AddWithValue(chunkSize);
        cmd.Parameters.AddWithValue(campaignId);
        try
        {
            return await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("42"))
        {
            throw new InvalidOperationException($"campaign {campaignId}: the audience query failed: {e.MessageText}", e);
        }
    }

    /// <summary>Checks a supervisor's audience SELECT without running it; errors say what to fix.</summary>
    public static async Task ValidateAsync(NpgsqlDataSource db, string audienceSql, CancellationToken ct)
    {
        if (audienceSql.Contains(';'))
            throw new FormatException("audience: one SELECT without ';' is expected");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var ro = new NpgsqlCommand("set transaction read only", conn, tx)) await ro.ExecuteNonQueryAsync(ct);
        await using var cmd = new NpgsqlCommand($"select * from ({audienceSql}) s limit 0", conn, tx);
        try
        {
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var columns = Enumerable.Range(0, r.FieldCount).Select(r.GetName).ToHashSet();
            if (!columns.Contains("taxpayer_id") || !columns.Contains("phone"))
                throw new FormatException($"audience: the SELECT must return columns taxpayer_id and phone (it returns: {string.Join(", ", columns)})");
        }
        catch (PostgresException e)
        {
            throw new FormatException($"audience: {e.MessageText}" + (e.Position > 0 ? $" (at character {e.Position - 15} of the query)" : ""), e);
        }
    }
}
