using Npgsql;

namespace Ivr.Benchmarks.Campaigns;

/// <summary>What Hangfire keeps in PostgreSQL (schema <c>hangfire</c>): queue length and the size of each table.</summary>
public static class HangfireTables
{
    /// <summary>Jobs waiting in the queue, not yet fetched by a worker.</summary>
    public static async Task<long> QueuedAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select count(*) from hangfire.jobqueue where fetchedat is null");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Rows and total bytes (with indexes and TOAST) of every Hangfire table, largest first.</summary>
    public static async Task<IReadOnlyList<TableSize>> SizesAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select c.relname,
                   (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from hangfire.%I', c.relname), false, true, '')))[1]::text::bigint,
                   pg_total_relation_size(c.oid)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'hangfire' and c.relkind = 'r' order by 3 desc
            """);
        var sizes = new List<TableSize>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) sizes.Add(new TableSize(r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
        return sizes;
    }
}

public sealed record TableSize(string Table, long Rows, long Bytes);
