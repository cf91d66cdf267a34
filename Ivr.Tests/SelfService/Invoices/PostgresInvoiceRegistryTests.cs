using Ivr.Service.SelfService.Invoices;
using Ivr.Service.SelfService.Invoices.Registry;
using Npgsql;

namespace Ivr.Tests.SelfService.Invoices;

/// <summary>Every result of the registry on real PostgreSQL with the demo's sample invoices (the rows docs/invoice-verification.md lists).</summary>
public sealed class PostgresInvoiceRegistryTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    Task<InvoiceVerification> CheckAsync(string code, string number, string date, string check) =>
        new PostgresInvoiceRegistry(registry.DataSource, registry.Time).VerifyAsync(
            InvoiceQuery.Parse(new Dictionary<string, string> { ["code"] = code, ["number"] = number, ["date"] = date, ["check"] = check }, RegistryFixture.Today),
            CancellationToken.None);

    [Theory]
    // Invoices with a code: 专票 by amount before tax, 普票 and electronic 普票 by the check code's last 6 digits.
    [InlineData("4403241130", "00012345", "20240315", "1234.50", InvoiceOutcome.Match)]
    [InlineData("4403241330", "00056781", "20240408", "583920", InvoiceOutcome.Match)]
    [InlineData("4403241130", "00012345", "20240315", "1234.51", InvoiceOutcome.Mismatch)]
    [InlineData("4403241130", "00012345", "20240316", "1234.50", InvoiceOutcome.Mismatch)]
    [InlineData("4403241330", "00056781", "20240408", "583921", InvoiceOutcome.Mismatch)]
    [InlineData("4403241130", "00099999", "20240315", "1234.50", InvoiceOutcome.NotFound)]
    [InlineData("4403241130", "00012346", "20240520", "5000.00", InvoiceOutcome.Voided)]
    [InlineData("044032400111", "12345679", "20240830", "857261", InvoiceOutcome.Voided)]
    [InlineData("4403241130", "00012347", "20240603", "2000", InvoiceOutcome.RedReversed)]
    [InlineData("044032400111", "12345678", "20240722", "039485", InvoiceOutcome.RedReversed)]
    [InlineData("4403261130", "00000088", "20261123", "800.00", InvoiceOutcome.IssuedToday)]
    [InlineData("4403201130", "00000815", "20200815", "3000.00", InvoiceOutcome.TooOld)]
    // 数电票: no code, 20-digit number, checked by the total including tax.
    [InlineData("", "24442000000012345678", "20240912", "11300.00", InvoiceOutcome.Match)]
    [InlineData("", "24442000000012345678", "20240912", "10000.00", InvoiceOutcome.Mismatch)]
    [InlineData("", "24442000000099999999", "20240912", "11300.00", InvoiceOutcome.NotFound)]
    [InlineData("", "24442000000012345679", "20241009", "565.00", InvoiceOutcome.Voided)]
    [InlineData("", "24442000000087654321", "20241118", "2260.00", InvoiceOutcome.RedReversed)]
    [InlineData("", "26442000000000000001", "20261123", "113.00", InvoiceOutcome.IssuedToday)]
    [InlineData("", "21442000000000012345", "20210630", "1130.00", InvoiceOutcome.TooOld)]
    public async Task Sample_invoice_checks_give_every_result_for_coded_and_fully_digital_invoices(string code, string number, string date, string check, InvoiceOutcome expected)
    {
        var result = await CheckAsync(code, number, date, check);
        Assert.Equal(expected, result.Outcome);
        Assert.Equal(expected == InvoiceOutcome.Match, result.Details is not null);
    }

    [Fact]
    public async Task A_match_tells_the_seller_the_date_of_issue_and_the_total_including_tax()
    {
        var result = await CheckAsync("4403241130", "00012345", "20240315", "1234.50");
        Assert.Equal(new InvoiceDetails("深圳市华南电子科技有限公司", new DateOnly(2024, 3, 15), 1394.99m), result.Details);
    }

    [Fact]
    public async Task A_voided_invoice_keyed_with_a_wrong_amount_is_a_mismatch_so_strangers_learn_nothing_of_its_state()
    {
        var result = await CheckAsync("4403241130", "00012346", "20240520", "4999.99");
        Assert.Equal(InvoiceOutcome.Mismatch, result.Outcome);
    }

    [Fact]
    public async Task Loading_the_sample_again_refreshes_its_rows_without_duplicates()
    {
        var rows = SampleInvoices.Read(RegistryFixture.Today);
        Assert.Equal(rows.Count, await SampleInvoices.SeedAsync(registry.DataSource, rows));
        await using var cmd = registry.DataSource.CreateCommand("select count(*) from invoices");
        Assert.Equal((long)rows.Count, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public void Sample_covers_every_result_and_both_kinds_of_invoice()
    {
        var rows = SampleInvoices.Read(RegistryFixture.Today);
        foreach (var digital in new[] { true, false })
        {
            var kind = rows.Where(r => (r.Code.Length == 0) == digital).ToList();
            Assert.Contains(kind, r => r.Status == "valid" && r.IssuedOn.Year == 2024);
            Assert.Contains(kind, r => r.Status == "voided");
            Assert.Contains(kind, r => r.Status == "red_reversed");
            Assert.Contains(kind, r => r.IssuedOn == RegistryFixture.Today);
            Assert.Contains(kind, r => r.IssuedOn < RegistryFixture.Today.AddYears(-5));
        }
    }

    [Theory]
    [InlineData("code,number\n", "sample.csv:1: the header must be")]
    [InlineData("code,number,issued_on,seller_name,seller_tax_id,buyer_name,amount_excl_tax,tax,total,check_code,status\n# note\n,1,2,3\n", "sample.csv:3: 4 fields")]
    [InlineData("code,number,issued_on,seller_name,seller_tax_id,buyer_name,amount_excl_tax,tax,total,check_code,status\n,1,2024-13-01,s,t,b,1,0,1,,valid\n", "sample.csv:2: issued_on '2024-13-01'")]
    [InlineData("code,number,issued_on,seller_name,seller_tax_id,buyer_name,amount_excl_tax,tax,total,check_code,status\n,1,today,s,t,b,1,0,1,,lost\n", "sample.csv:2: status 'lost'")]
    [InlineData("code,number,issued_on,seller_name,seller_tax_id,buyer_name,amount_excl_tax,tax,total,check_code,status\n,1,today,s,t,b,1y,0,1,,valid\n", "sample.csv:2: amount_excl_tax '1y'")]
    public void A_broken_sample_file_is_refused_naming_line_and_column(string csv, string message)
    {
        var e = Assert.Throws<FormatException>(() => SampleInvoices.Parse(csv, RegistryFixture.Today, "sample.csv"));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public async Task A_row_the_table_forbids_is_refused_naming_the_rule()
    {
        var row = new SampleInvoices.Row("", "123", RegistryFixture.Today, "s", "t", "b", 1, 0, 1, null, "valid");
        var e = await Assert.ThrowsAsync<FormatException>(() => SampleInvoices.SeedAsync(registry.DataSource, [row]));
        Assert.Contains("invoices_check", e.Message);
        Assert.IsType<PostgresException>(e.InnerException);
    }
}
