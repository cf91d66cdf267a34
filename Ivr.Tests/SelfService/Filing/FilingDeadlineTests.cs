using Ivr.Service.Calendar;
using Ivr.Service.SelfService.Filing;

namespace Ivr.Tests.SelfService.Filing;

public sealed class FilingDeadlineTests
{
    static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Load();
    static readonly FilingDeadlines Published = FilingDeadlines.Load(Calendar);

    static async Task<string> DeadlineAsync(string tax, string localTime)
    {
        var action = new FilingDeadlineAction(new TaxDeadlines(Published), Calls.ChinaClock(localTime));
        var result = await action.InvokeAsync(Calls.Args(("tax", tax)), Calls.From("13800000000"), CancellationToken.None);
        Assert.Equal("ok", result.Code);
        return result.Outputs["deadline"];
    }

    [Fact]
    public void The_postponement_rule_reproduces_every_published_deadline_of_2025_and_2026()
    {
        // The rule is the fallback for years the administration has not published yet: it must agree where it has.
        var ruleOnly = new FilingDeadlines(Calendar, new Dictionary<(int, int), DateOnly>());
        foreach (var year in new[] { 2025, 2026 })
            for (var month = 1; month <= 12; month++)
                Assert.True(Published.Monthly(year, month) == ruleOnly.ByRule(year, month),
                    $"{year}-{month:00}: published {Published.Monthly(year, month)}, rule {ruleOnly.ByRule(year, month)}");
    }

    [Theory]
    [InlineData("vat", "2026-10-20T09:00:00", "20261026")] // National Day: 7 days off, 7 working days later
    [InlineData("vat", "2026-10-26T23:59:00", "20261026")] // the deadline day itself still counts
    [InlineData("vat", "2026-11-23T10:00:00", "20261215")] // November's (16th) has passed: the next period's
    [InlineData("cit", "2026-01-05T10:00:00", "20260120")]
    [InlineData("cit-annual", "2026-03-01T10:00:00", "20260601")] // 31 May 2026 is a Sunday
    [InlineData("cit-annual", "2025-05-20T10:00:00", "20250603")] // 31 May 2025 starts the Dragon Boat holiday
    [InlineData("iit-annual", "2026-03-01T10:00:00", "20260630")]
    [InlineData("iit-business", "2026-01-10T10:00:00", "20260331")]
    [InlineData("iit-business", "2025-04-01T10:00:00", "20260331")] // this year's has passed: next year's
    public async Task Caller_hears_the_next_deadline_of_the_tax(string tax, string now, string expected) =>
        Assert.Equal(expected, await DeadlineAsync(tax, now));

    [Fact]
    public async Task A_deadline_in_a_year_without_holiday_data_is_an_error_not_a_guess()
    {
        var e = await Assert.ThrowsAsync<CalendarNotCoveredException>(() => DeadlineAsync("cit-annual", "2026-11-23T10:00:00"));
        Assert.Equal(2027, e.Year);
    }

    [Fact]
    public async Task An_unknown_tax_or_a_missing_argument_names_what_is_wrong()
    {
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => DeadlineAsync("salt", "2026-11-23T10:00:00"));
        Assert.Contains("tax 'salt' is unknown", unknown.Message);
        Assert.Contains("vat", unknown.Message);
        var action = new FilingDeadlineAction(new TaxDeadlines(Published), TimeProvider.System);
        var missing = await Assert.ThrowsAsync<ArgumentException>(() => action.InvokeAsync(Calls.Args(), Calls.From("1"), CancellationToken.None));
        Assert.Contains("filing.deadline: argument 'tax'", missing.Message);
    }
}
