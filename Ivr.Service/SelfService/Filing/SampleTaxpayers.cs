using Npgsql;

namespace Ivr.Service.SelfService.Filing;

/// <summary>
/// The demo's taxpayers: one of each filing.status answer for the terminal phone's default caller 13800000000, with
/// the current period's returns dated from <c>today</c> so the demo stays right whenever it is run. Upserts, so
/// seeding twice leaves the same rows.
/// </summary>
public static class SampleTaxpayers
{
    public const string DemoCaller = "13800000000";

    /// <summary>(id, name, phone, extra registered phone, what the demo caller hears).</summary>
    public static readonly IReadOnlyList<(string Id, string Name, string Phone, string? Extra, string Hears)> Rows =
    [
        ("914403007152600052", "深圳市南山示例科技有限公司", DemoCaller, null, "filed"),
        ("91310115MA1H7A2B3C", "上海浦东示例贸易有限公司", "02158880000", DemoCaller, "not_filed (VAT filed, 企业所得税 not)"),
        ("91110108MA01C8D2X9", "北京海淀示例咨询有限公司", "13900000001", null, "not_authorised (another number's taxpayer)"),
        ("440306198506120038", "张示例", DemoCaller, null, "not_filed (nothing filed)"),
    ];

    public static async Task SeedAsync(NpgsqlDataSource db, DateOnly today, CancellationToken ct)
    {
        var period = $"{today.AddMonths(-1):yyyy-MM}";
        var filedOn = today.Day > 8 ? new DateOnly(today.Year, today.Month, 8) : today;
        var filedAt = new DateTimeOffset(filedOn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
        await using var batch = db.CreateBatch();
        foreach (var (id, name, phone, extra, _) in Rows)
        {
            Add(batch, """
                insert into taxpayers (taxpayer_id, name, phone, tax_office) values ($1, $2, $3, '示例税务局')
                on conflict (taxpayer_id) do update set name = excluded.name, phone = excluded.phone
                """, id, name, phone);
            if (extra is not null)
                Add(batch, "insert into taxpayer_phones (taxpayer_id, phone, role) values ($1, $2, '办税人员') on conflict do nothing", id, extra);
            Add(batch, "delete from taxpayer_filings where taxpayer_id = $1 and period = $2", id, period);
        }
        AddFiling(batch, "914403007152600052", "vat", period, filedAt);
        AddFiling(batch, "914403007152600052", "cit", period, filedAt);
        AddFiling(batch, "91310115MA1H7A2B3C", "vat", period, filedAt);
        AddFiling(batch, "91310115MA1H7A2B3C", "cit", period, null);
        AddFiling(batch, "91110108MA01C8D2X9", "vat", period, filedAt);
        await batch.ExecuteNonQueryAsync(ct);
    }

    static void AddFiling(NpgsqlBatch batch, string id, string tax, string period, DateTimeOffset? filedAt) =>
        Add(batch, "insert into taxpayer_filings (taxpayer_id, tax_kind, period, filed_at) values ($1, $2, $3, $4)",
            id, tax, period, filedAt is { } at ? at : DBNull.Value);

    static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(command);
    }
}
