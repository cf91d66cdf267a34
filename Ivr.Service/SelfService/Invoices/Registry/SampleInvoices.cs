using System.Globalization;
using Npgsql;

namespace Ivr.Service.SelfService.Invoices.Registry;

/// <summary>
/// The demo's invoices (Data/sample-invoices.csv, embedded), one for every result of <c>invoice.verify</c>. Loading is
/// an upsert, so running it again (every <c>scripts/run.sh</c>) refreshes the rows dated "today" without duplicates.
/// </summary>
public static class SampleInvoices
{
    const string Resource = "Ivr.Service.SelfService.Invoices.Data.sample-invoices.csv";
    const string Header = "code,number,issued_on,seller_name,seller_tax_id,buyer_name,amount_excl_tax,tax,total,check_code,status";

    /// <summary>One row of the registry.</summary>
    public sealed record Row(string Code, string Number, DateOnly IssuedOn, string Seller, string SellerTaxId, string Buyer,
        decimal AmountBeforeTax, decimal Tax, decimal Total, string? CheckCode, string Status);

    /// <summary>The sample's rows with "today" read as <paramref name="today"/>.</summary>
    public static IReadOnlyList<Row> Read(DateOnly today)
    {
        using var stream = typeof(SampleInvoices).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"the sample invoices are not embedded as {Resource}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), today, "sample-invoices.csv");
    }

    /// <summary>Parses the CSV (no quoting: no field holds a comma); every error names the file, line and column.</summary>
    public static IReadOnlyList<Row> Parse(string csv, DateOnly today, string file)
    {
        var rows = new List<Row>();
        var lines = csv.Split('\n');
        var headerSeen = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (!headerSeen)
            {
                if (line != Header) throw new FormatException($"{file}:{i + 1}: the header must be '{Header}'");
                headerSeen = true;
                continue;
            }
            var f = line.Split(',');
            if (f.Length != 11) throw new FormatException($"{file}:{i + 1}: {f.Length} fields, expected 11 ({Header})");
            string Where(int column) => $"{file}:{i + 1}: {Header.Split(',')[column]} '{f[column]}'";
            decimal Money(int column) => decimal.TryParse(f[column], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m)
                ? m : throw new FormatException($"{Where(column)} is not an amount such as 1234.50");
            var issuedOn = f[2] == "today" ? today
                : DateOnly.TryParseExact(f[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw new FormatException($"{Where(2)} is neither a date (2024-03-15) nor 'today'");
            if (f[10] is not ("valid" or "voided" or "red_reversed")) throw new FormatException($"{Where(10)} is not valid, voided or red_reversed");
            rows.Add(new Row(f[0], f[1], issuedOn, f[3], f[4], f[5], Money(6), Money(7), Money(8), f[9].Length == 0 ? null : f[9], f[10]));
        }
        return rows;
    }

    /// <summary>Upserts the rows into the <c>invoices</c> table; returns how many.</summary>
    public static async Task<int> SeedAsync(NpgsqlDataSource database, IReadOnlyList<Row> rows, CancellationToken ct = default)
    {
        await using var batch = database.CreateBatch();
        foreach (var r in rows)
        {
            var cmd = new NpgsqlBatchCommand("""
                insert into invoices (code, number, issued_on, seller_name, seller_tax_id, buyer_name, amount_excl_tax, tax, total, check_code, status)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                on conflict (code, number) do update set issued_on = excluded.issued_on, seller_name = excluded.seller_name,
                    seller_tax_id = excluded.seller_tax_id, buyer_name = excluded.buyer_name, amount_excl_tax = excluded.amount_excl_tax,
                    tax = excluded.tax, total = excluded.total, check_code = excluded.check_code, status = excluded.status, updated_at = now()
                """);
            foreach (var value in new object?[] { r.Code, r.Number, r.IssuedOn, r.Seller, r.SellerTaxId, r.Buyer, r.AmountBeforeTax, r.Tax, r.Total, r.CheckCode, r.Status })
                cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            batch.BatchCommands.Add(cmd);
        }
        try
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            throw new FormatException($"a sample invoice breaks the table's rule {e.ConstraintName}: {e.MessageText}", e);
        }
        return rows.Count;
    }
}
