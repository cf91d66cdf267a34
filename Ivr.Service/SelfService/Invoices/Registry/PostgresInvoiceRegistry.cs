using Npgsql;

namespace Ivr.Service.SelfService.Invoices.Registry;

/// <summary>
/// Checks invoices against the <c>invoices</c> table (migration 0002) the way the national service does: the date of
/// issue first (today, older than five years), then existence, then whether date and check field agree, and only then
/// the invoice's state (voided, reversed by a red-letter invoice). A caller who does not know the invoice's details
/// learns nothing about it beyond "not found" or "mismatch".
/// </summary>
public sealed class PostgresInvoiceRegistry(NpgsqlDataSource database, TimeProvider time) : IInvoiceVerifier
{
    public async Task<InvoiceVerification> VerifyAsync(InvoiceQuery query, CancellationToken ct)
    {
        if (InvoiceDateRules.Decide(query.IssuedOn, BeijingDay.Today(time)) is { } byDate) return new InvoiceVerification(byDate);

        await using var cmd = database.CreateCommand(
            "select issued_on, seller_name, amount_excl_tax, total, check_code, status from invoices where code = $1 and number = $2");
        cmd.Parameters.AddWithValue(query.Code);
        cmd.Parameters.AddWithValue(query.Number);
        await using var row = await cmd.ExecuteReaderAsync(ct);
        if (!await row.ReadAsync(ct)) return new InvoiceVerification(InvoiceOutcome.NotFound);

        var issuedOn = row.GetFieldValue<DateOnly>(0);
        var seller = row.GetString(1);
        var amountBeforeTax = row.GetDecimal(2);
        var total = row.GetDecimal(3);
        var checkCode = row.IsDBNull(4) ? null : row.GetString(4);
        var status = row.GetString(5);

        var checkAgrees = query.CheckKind switch
        {
            CheckKind.CheckCode => checkCode is not null && checkCode.EndsWith(query.Check, StringComparison.Ordinal),
            CheckKind.AmountBeforeTax => amountBeforeTax == query.CheckAmount,
            _ => total == query.CheckAmount,
        };
        if (issuedOn != query.IssuedOn || !checkAgrees) return new InvoiceVerification(InvoiceOutcome.Mismatch);
        return status switch
        {
            "voided" => new InvoiceVerification(InvoiceOutcome.Voided),
            "red_reversed" => new InvoiceVerification(InvoiceOutcome.RedReversed),
            "valid" => InvoiceVerification.Matched(new InvoiceDetails(seller, issuedOn, total)),
            _ => throw new InvalidOperationException($"invoice {query.Code}/{query.Number} has status '{status}', which migration 0002 does not allow"),
        };
    }
}
