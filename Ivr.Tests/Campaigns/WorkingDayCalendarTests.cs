using Ivr.Service.Calendar;

namespace Ivr.Tests.Campaigns;

public sealed class WorkingDayCalendarTests
{
    static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Load();

    [Theory]
    [InlineData("2025-01-01", false)] // 元旦
    [InlineData("2025-01-26", true)]  // Sunday worked for the Spring Festival (调休)
    [InlineData("2025-01-28", false)] // 除夕
    [InlineData("2025-02-04", false)]
    [InlineData("2025-02-05", true)]
    [InlineData("2025-02-08", true)]  // Saturday worked
    [InlineData("2025-04-04", false)] // 清明 (Friday)
    [InlineData("2025-04-27", true)]  // Sunday worked for 劳动节
    [InlineData("2025-05-05", false)]
    [InlineData("2025-06-02", false)] // 端午 (Monday)
    [InlineData("2025-09-28", true)]  // Sunday worked for 国庆
    [InlineData("2025-10-08", false)]
    [InlineData("2025-10-11", true)]  // Saturday worked
    [InlineData("2025-10-12", false)] // an ordinary Sunday
    [InlineData("2025-10-13", true)]  // an ordinary Monday
    [InlineData("2026-01-02", false)]
    [InlineData("2026-01-04", true)]  // Sunday worked after 元旦
    [InlineData("2026-02-14", true)]  // Saturday worked before the Spring Festival
    [InlineData("2026-02-16", false)]
    [InlineData("2026-02-23", false)]
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)]  // Saturday worked after it
    [InlineData("2026-05-09", true)]
    [InlineData("2026-06-19", false)] // 端午 (Friday)
    [InlineData("2026-09-20", true)]  // Sunday worked for 国庆
    [InlineData("2026-09-25", false)] // 中秋 (Friday)
    [InlineData("2026-10-07", false)]
    [InlineData("2026-10-10", true)]  // Saturday worked
    public void Holidays_and_make_up_working_days_follow_the_State_Council_notice(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date)));

    [Fact]
    public void A_year_without_holiday_data_is_refused_with_the_file_to_add()
    {
        var e = Assert.Throws<CalendarNotCoveredException>(() => Calendar.IsWorkingDay(new DateOnly(2031, 3, 3)));
        Assert.Contains("holidays-2031.json", e.Message);
        Assert.Contains("2025, 2026", e.Message);
    }

    [Fact]
    public void Counting_working_days_back_skips_the_Spring_Festival_and_counts_the_worked_Saturday()
    {
        // Back from Tuesday 2026-03-03: 03-02, 02-28 (worked Saturday), 02-27, 02-26, 02-25, 02-24, then the holiday to 02-13.
        Assert.Equal(new DateOnly(2026, 2, 24), Calendar.AddWorkingDays(new DateOnly(2026, 3, 3), -6));
        Assert.Equal(new DateOnly(2026, 2, 13), Calendar.AddWorkingDays(new DateOnly(2026, 3, 3), -8));
        Assert.Equal(new DateOnly(2026, 2, 24), Calendar.AddWorkingDays(new DateOnly(2026, 2, 13), 2));
    }

    [Fact]
    public void A_broken_holiday_file_names_the_file_and_the_bad_entry()
    {
        using var json = new MemoryStream("""{"year":2027,"days":[{"name":"x","date":"2027-13-01","isOffDay":true}]}"""u8.ToArray());
        var e = Assert.Throws<FormatException>(() => HolidayYear.Parse(json, "holidays-2027.json"));
        Assert.Contains("holidays-2027.json", e.Message);
        Assert.Contains("days[0].date '2027-13-01'", e.Message);
    }

    [Fact]
    public void Published_filing_deadlines_are_used_where_shipped_and_the_rule_elsewhere()
    {
        var deadlines = FilingDeadlines.Load(Calendar);
        Assert.Equal(new DateOnly(2024, 5, 22), deadlines.Monthly(2024, 5));
        Assert.Equal(new DateOnly(2025, 2, 20), deadlines.Monthly(2025, 2)); // 4 days of the Spring Festival inside 1–15 Feb
        Assert.Equal(new DateOnly(2025, 3, 17), deadlines.Monthly(2025, 3)); // the 15th is a Saturday
        Assert.Equal(new DateOnly(2025, 4, 18), deadlines.Monthly(2025, 4)); // 清明, 3 days
        Assert.Equal(new DateOnly(2026, 1, 20), deadlines.Monthly(2026, 1)); // 元旦 3 days: 3 working days after the 15th
        Assert.Equal(new DateOnly(2026, 2, 24), deadlines.Monthly(2026, 2)); // the 15th falls in the holiday
        Assert.Equal(new DateOnly(2026, 10, 26), deadlines.Monthly(2026, 10)); // 国庆 7 days
    }
}
