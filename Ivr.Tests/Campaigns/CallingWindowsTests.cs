using Ivr.Service.Calendar;

namespace Ivr.Tests.Campaigns;

public sealed class CallingWindowsTests
{
    static readonly CallingWindows Windows = CallingWindows.Parse(CallingWindows.Default, "Asia/Shanghai", WorkingDayCalendar.Load());

    static DateTimeOffset Beijing(string local) => DateTimeOffset.Parse(local + "+08:00");

    [Theory]
    [InlineData("2026-03-10T09:00:00", true)]
    [InlineData("2026-03-10T08:59:59", false)]
    [InlineData("2026-03-10T11:59:59", true)]
    [InlineData("2026-03-10T12:00:00", false)] // lunch
    [InlineData("2026-03-10T14:00:00", true)]
    [InlineData("2026-03-10T18:00:00", false)]
    [InlineData("2026-03-14T10:00:00", false)] // Saturday
    [InlineData("2026-02-14T10:00:00", true)]  // worked Saturday
    [InlineData("2026-02-17T10:00:00", false)] // Spring Festival
    public void Contact_is_allowed_only_inside_the_windows_of_working_days(string local, bool open) =>
        Assert.Equal(open, Windows.IsOpen(Beijing(local)));

    [Theory]
    [InlineData("2026-03-10T12:30:00", "2026-03-10T14:00:00")]
    [InlineData("2026-03-13T18:00:00", "2026-03-16T09:00:00")] // Friday evening → Monday
    [InlineData("2026-02-13T17:59:00", "2026-02-13T17:59:00")] // open now
    [InlineData("2026-02-15T10:00:00", "2026-02-24T09:00:00")] // holiday → first working day
    [InlineData("2026-09-30T19:00:00", "2026-10-08T09:00:00")]
    public void The_next_window_opens_on_the_next_working_day(string local, string expected) =>
        Assert.Equal(Beijing(expected), Windows.NextOpen(Beijing(local)));

    [Fact]
    public void Windows_use_the_campaign_time_zone_whatever_the_server_clock()
    {
        // 01:30 UTC is 09:30 in Shanghai.
        Assert.True(Windows.IsOpen(new DateTimeOffset(2026, 3, 10, 1, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 4, 0, 0, TimeSpan.Zero), Windows.ClosesAt(new DateTimeOffset(2026, 3, 10, 1, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("09:00-12:00,14:00", "'14:00' in")]
    [InlineData("9-12", "'9-12' in")]
    [InlineData("12:00-09:00", "ends before it starts")]
    [InlineData("09:00-12:00,11:00-13:00", "overlap")]
    [InlineData("", "has no range")]
    public void Bad_windows_are_refused_with_the_offending_part(string spec, string expected)
    {
        var e = Assert.Throws<FormatException>(() => CallingWindows.Parse(spec, "Asia/Shanghai", WorkingDayCalendar.Load()));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_by_name() =>
        Assert.Contains("'Asia/Beijing'", Assert.Throws<FormatException>(() => CallingWindows.Parse("09:00-12:00", "Asia/Beijing", WorkingDayCalendar.Load())).Message);
}
