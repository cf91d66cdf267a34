using System.Text.Json;

namespace Ivr.Service.Calendar;

/// <summary>
/// Monthly filing deadlines (申报期限): the published calendar of the tax administration where shipped
/// (Calendar/Data/filing-deadlines.json), otherwise the 征管法实施细则 §109 rule over the working-day calendar.
/// </summary>
public sealed class FilingDeadlines(WorkingDayCalendar calendar, IReadOnlyDictionary<(int Year, int Month), DateOnly> published)
{
    /// <summary>The working-day calendar the rule and reminders count on.</summary>
    public WorkingDayCalendar Calendar => calendar;

    /// <summary>The deadlines shipped with the service over <paramref name="calendar"/>.</summary>
    public static FilingDeadlines Load(WorkingDayCalendar calendar)
    {
        var assembly = typeof(FilingDeadlines).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Calendar.Data.filing-deadlines.json"));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var doc = JsonDocument.Parse(stream);
        var map = new Dictionary<(int, int), DateOnly>();
        foreach (var year in doc.RootElement.GetProperty("monthly").EnumerateObject())
        {
            var month = 1;
            foreach (var d in year.Value.EnumerateArray())
                map[(int.Parse(year.Name), month++)] = DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd");
        }
        return new FilingDeadlines(calendar, map);
    }

    /// <summary>The deadline for filing in <paramref name="month"/> (monthly and quarterly VAT, 企业所得税 prepayment).</summary>
    public DateOnly Monthly(int year, int month) =>
        published.TryGetValue((year, month), out var d) ? d : ByRule(year, month);

    /// <summary>
    /// §109: the 15th, moved by the number of days of any run of 3 or more consecutive holiday days inside the
    /// period, then to the first working day if it lands on a rest day. The administration counts the moved days as
    /// working days (2026: 1–3 January off, deadline 20 January, not the 19th), so the rule does too.
    /// </summary>
    public DateOnly ByRule(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var deadline = new DateOnly(year, month, 15);
        var extension = 0;
        var run = 0;
        for (var d = first.AddDays(-10); d <= deadline; d = d.AddDays(1))
        {
            run = calendar.IsListedHoliday(d) ? run + 1 : 0;
            if (run == 0 || d < first) continue;
            // Count the day once its run has reached 3, and the run's earlier in-period days at that moment.
            if (run == 3) extension += Math.Min(3, d.DayNumber - first.DayNumber + 1);
            else if (run > 3) extension++;
        }
        return calendar.OnOrNextWorkingDay(calendar.AddWorkingDays(deadline, extension));
    }

    /// <summary>Every monthly deadline from <paramref name="from"/> (inclusive) on, in order.</summary>
    public IEnumerable<DateOnly> From(DateOnly from)
    {
        for (var (y, m) = (from.Year, from.Month); ; (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1))
        {
            var d = Monthly(y, m);
            if (d >= from) yield return d;
        }
    }
}
