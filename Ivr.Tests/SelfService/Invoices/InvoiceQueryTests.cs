using Ivr.Service.SelfService.Invoices;

namespace Ivr.Tests.SelfService.Invoices;

public sealed class InvoiceQueryTests
{
    static readonly DateOnly Today = new(2026, 11, 23);

    static InvoiceQuery Parse(string code, string number, string date, string check) =>
        InvoiceQuery.Parse(new Dictionary<string, string> { ["code"] = code, ["number"] = number, ["date"] = date, ["check"] = check }, Today);

    [Theory]
    [InlineData("4403241130", "00012345", "1234.50", CheckKind.AmountBeforeTax)]
    [InlineData("4403241230", "00012345", "1234.50", CheckKind.AmountBeforeTax)]
    [InlineData("4403241330", "00012345", "583920", CheckKind.CheckCode)]
    [InlineData("044032400111", "00012345", "583920", CheckKind.CheckCode)]
    [InlineData("144032420111", "00012345", "1234.50", CheckKind.AmountBeforeTax)]
    [InlineData("144032410111", "00012345", "88000.00", CheckKind.Total)]
    [InlineData("", "24442000000012345678", "11300.00", CheckKind.Total)]
    public void The_code_decides_which_field_checks_the_invoice(string code, string number, string check, CheckKind expected)
    {
        var query = Parse(code, number, "20240315", check);
        Assert.Equal(expected, query.CheckKind);
        Assert.Equal(new DateOnly(2024, 3, 15), query.IssuedOn);
    }

    [Theory]
    [InlineData("440324113", "00012345", "20240315", "1234.50", "code")]
    [InlineData("4403241130", "0001234", "20240315", "1234.50", "number")]
    [InlineData("4403241130", "000123456", "20240315", "1234.50", "number")]
    [InlineData("", "2444200000001234567", "20240315", "1234.50", "number")]
    [InlineData("", "24442000000012345678", "2024031", "1234.50", "date")]
    [InlineData("", "24442000000012345678", "20261124", "1234.50", "date")]
    [InlineData("", "24442000000012345678", "20240315", "12*34", "check")]
    [InlineData("", "24442000000012345678", "20240315", "12.345", "check")]
    [InlineData("4403241330", "00012345", "20240315", "58392", "check")]
    public void Keys_no_invoice_can_have_are_refused_naming_the_argument(string code, string number, string date, string check, string argument)
    {
        var e = Assert.Throws<InvalidInvoiceQueryException>(() => Parse(code, number, date, check));
        Assert.Equal(argument, e.Argument);
        Assert.Contains($"'{argument}'", e.Message);
    }

    [Fact]
    public void A_missing_argument_is_named()
    {
        var e = Assert.Throws<InvalidInvoiceQueryException>(() => InvoiceQuery.Parse(new Dictionary<string, string> { ["code"] = "" }, Today));
        Assert.Equal("number", e.Argument);
    }

    [Theory]
    [InlineData("2026-11-23", InvoiceOutcome.IssuedToday)]
    [InlineData("2021-11-23", null)]
    [InlineData("2021-11-22", InvoiceOutcome.TooOld)]
    [InlineData("2026-11-22", null)]
    public void Invoices_of_today_and_of_more_than_five_years_ago_cannot_be_checked(string issuedOn, InvoiceOutcome? expected) =>
        Assert.Equal(expected, InvoiceDateRules.Decide(DateOnly.Parse(issuedOn), Today));

    [Fact]
    public void Beijing_day_starts_at_16_00_utc()
    {
        var before = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 15, 59, 59, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 11, 23), BeijingDay.Today(before));
        before.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new DateOnly(2026, 11, 24), BeijingDay.Today(before));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero), BeijingDay.EndOf(new DateOnly(2026, 11, 23)));
    }
}
