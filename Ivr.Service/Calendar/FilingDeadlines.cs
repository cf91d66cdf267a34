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
    /// period, then to the first working day if it lands on a rest day. As the administration publishes it, the moved
    /// days are working days (2026: 1–3 January off, deadline 20 January, not the 19th) and only the part of a holiday
    /// inside the period counts (2025: 31 May–2 June off, June deadline the 16th, as for a Sunday 15th alone).
    /// </summary>
    public DateOnly ByRule(int year, int month)
    {
        var deadline = new DateOnly(year, month, 15);
        var extension = 0;
        var run = 0;
        for (var d = new DateOnly(year, month, 1); d <= deadline; d = d.AddDays(1))
        {
            run = calendar.IsListedHoliday(d) ? run + 1 : 0;
            // Count the day once its run has reached 3, and the run's two earlier days at that moment.
            if (run == 3) extension += 3;
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
