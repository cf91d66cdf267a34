namespace Ivr.Service.SelfService.Invoices;

/// <summary>
/// Invoice dates and the daily check limit follow the calendar day in China, whatever the server's zone: an invoice
/// issued at 01:00 Beijing time is "issued today" although it is still yesterday in UTC.
/// </summary>
public static class BeijingDay
{
    static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), China).DateTime);

    /// <summary>The instant the Beijing day after <paramref name="day"/> starts, when that day's counters may go.</summary>
    public static DateTimeOffset EndOf(DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, China.GetUtcOffset(midnight));
    }
}
