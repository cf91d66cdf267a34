using Ivr.Service.Calendar;
using Ivr.Service.Campaigns;

namespace Ivr.Tests.Campaigns;

public sealed class CampaignScheduleTests
{
    static readonly FilingDeadlines Deadlines = FilingDeadlines.Load(WorkingDayCalendar.Load());
    static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void Five_working_days_before_each_deadline_follows_the_holiday_adjusted_deadlines()
    {
        var s = CampaignSchedule.Parse("before-deadline 5 09:30", Deadlines);
        var first = s.NextAfter(DateTimeOffset.Parse("2026-01-01T00:00:00+08:00"), Shanghai)!.Value;
        Assert.Equal(DateTimeOffset.Parse("2026-01-13T09:30:00+08:00"), first); // deadline Tue 20 Jan (published calendar)
        var second = s.NextAfter(first, Shanghai)!.Value;
        Assert.Equal(DateTimeOffset.Parse("2026-02-10T09:30:00+08:00"), second); // deadline 24 Feb: 14 (worked Saturday), 13, 12, 11, 10 Feb
    }

    [Fact]
    public void Cron_schedules_run_in_the_campaign_time_zone()
    {
        var s = CampaignSchedule.Parse("cron 30 9 * * MON-FRI", Deadlines);
        Assert.Equal(DateTimeOffset.Parse("2026-03-16T09:30:00+08:00"), s.NextAfter(DateTimeOffset.Parse("2026-03-13T10:00:00+08:00"), Shanghai));
    }

    [Fact]
    public void A_one_shot_schedule_has_no_occurrence_after_it_passed()
    {
        var s = CampaignSchedule.Parse("once 2026-03-10 09:00", Deadlines);
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T09:00:00+08:00"), s.NextAfter(DateTimeOffset.Parse("2026-03-01T00:00:00+08:00"), Shanghai));
        Assert.Null(s.NextAfter(DateTimeOffset.Parse("2026-03-10T09:00:00+08:00"), Shanghai));
    }

    [Theory]
    [InlineData("every day", "unknown kind 'every'")]
    [InlineData("cron 61 * * * *", "bad cron expression")]
    [InlineData("before-deadline five 09:30", "before-deadline <0-15> HH:mm")]
    [InlineData("once tomorrow", "'tomorrow' is not")]
    public void Bad_schedules_are_refused_with_the_accepted_forms(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => CampaignSchedule.Parse(text, Deadlines)).Message);
}
