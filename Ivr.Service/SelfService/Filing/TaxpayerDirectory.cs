using Npgsql;

namespace Ivr.Service.SelfService.Filing;

/// <summary>Whether a caller may hear a taxpayer's data.</summary>
public enum TaxpayerAccess { UnknownTaxpayer, NotRegistered, Registered }

/// <summary>One taxpayer's returns for one period: how many are due and filed, and when the last was filed.</summary>
public sealed record PeriodFilings(int Due, int Filed, DateTimeOffset? LastFiledAt);

/// <summary>
/// The taxpayer tables (0001 taxpayers / taxpayer_filings, 0003 taxpayer_phones). Filings are only read by taxpayer id
/// after <see cref="AccessAsync"/>, so no query here ever returns one taxpayer's rows for another's id.
/// </summary>
public sealed class TaxpayerDirectory(NpgsqlDataSource db)
{
    /// <summary>A taxpayer's own phone and the numbers registered for it count; any other caller is refused.</summary>
    public async Task<TaxpayerAccess> AccessAsync(string taxpayerId, string callerNumber, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select exists (select 1 from taxpayers where taxpayer_id = $1),
                   exists (select 1 from taxpayers where taxpayer_id = $1 and phone = $2
                           union all
                           select 1 from taxpayer_phones where taxpayer_id = $1 and phone = $2)
            """);
        cmd.Parameters.AddWithValue(taxpayerId);
        cmd.Parameters.AddWithValue(callerNumber);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return !r.GetBoolean(0) ? TaxpayerAccess.UnknownTaxpayer : r.GetBoolean(1) ? TaxpayerAccess.Registered : TaxpayerAccess.NotRegistered;
    }

    /// <summary>The returns of <paramref name="period"/> (yyyy-MM); call only after <see cref="AccessAsync"/> said Registered.</summary>
    public async Task<PeriodFilings> FilingsAsync(string taxpayerId, string period, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "select count(*)::int, count(filed_at)::int, max(filed_at) from taxpayer_filings where taxpayer_id = $1 and period = $2");
        cmd.Parameters.AddWithValue(taxpayerId);
        cmd.Parameters.AddWithValue(period);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new PeriodFilings(r.GetInt32(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2));
    }
}
