using System.Text.Json;

namespace Ivr.Service.Calendar;

/// <summary>
/// The Chinese working-day calendar: Monday–Friday, minus the statutory holidays, plus the make-up working days
/// (调休) of the State Council's yearly notice. Years without data are refused rather than guessed, so a campaign
/// never calls on a holiday nobody loaded; answers a caller needs now take <see cref="WeekendsOnlyWhereMissing"/>.
/// </summary>
public sealed class WorkingDayCalendar
{
    readonly Dictionary<DateOnly, HolidayDay> listed;
    readonly HashSet<int> years;
    readonly bool weekendsOnlyWhereMissing;

    public WorkingDayCalendar(IEnumerable<HolidayYear> data)
    {
        listed = [];
        years = [];
        foreach (var year in data)
        {
            years.Add(year.Year);
            foreach (var day in year.Days) listed[day.Date] = day;
        }
    }

    WorkingDayCalendar(Dictionary<DateOnly, HolidayDay> listed, HashSet<int> years) =>
        (this.listed, this.years, weekendsOnlyWhereMissing) = (listed, years, true);

    /// <summary>
    /// This calendar, except that a year without data has no holidays and no make-up days (Monday–Friday work) instead
    /// of being refused: for what a caller must hear now — a deadline by the §109 rule, seat hours, a ticket's due date —
    /// while <see cref="CalendarCoverage"/> warns that the year's notice is missing. Campaigns keep the strict calendar.
    /// </summary>
    public WorkingDayCalendar WeekendsOnlyWhereMissing() => weekendsOnlyWhereMissing ? this : new(listed, years);

    /// <summary>Whether the notice of <paramref name="year"/> is loaded.</summary>
    public bool Covers(int year) => years.Contains(year);

    /// <summary>The calendar shipped with the service (Calendar/Data/holidays-YYYY.json), plus any holiday-YYYY.json in <paramref name="extraDirectory"/>.</summary>
    public static WorkingDayCalendar Load(string? extraDirectory = null)
    {
        var data = new List<HolidayYear>();
        var assembly = typeof(WorkingDayCalendar).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".Calendar.Data.holidays-")))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            data.Add(HolidayYear.Parse(stream, resource));
        }
        if (extraDirectory != null)
            foreach (var file in Directory.GetFiles(extraDirectory, "holidays-*.json"))
            {
                HolidayYear year;
                using (var stream = File.OpenRead(file)) year = HolidayYear.Parse(stream, file);
                data.RemoveAll(y => y.Year == year.Year);
                data.Add(year);
            }
        return new WorkingDayCalendar(data);
    }

    /// <summary>The years this calendar knows.</summary>
    public IReadOnlyCollection<int> Years => years;

    /// <summary>Whether offices work on this date.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (!years.Contains(date.Year) && !weekendsOnlyWhereMissing)
            throw new CalendarNotCoveredException(date.Year, years);
        if (listed.TryGetValue(date, out var day)) return !day.IsOffDay;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>Whether the date is a statutory holiday (listed as a day off in the notice, weekends inside the break included).</summary>
    public bool IsListedHoliday(DateOnly date) => listed.TryGetValue(date, out var d) && d.IsOffDay;

    /// <summary>The working day <paramref name="count"/> working days after (or, negative, before) <paramref name="date"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly date, int count)
    {
        var step = count < 0 ? -1 : 1;
        var left = Math.Abs(count);
        var d = date;
        while (left > 0)
        {
            d = d.AddDays(step);
            if (IsWorkingDay(d)) left--;
        }
        return d;
    }

    /// <summary>The first working day on or after <paramref name="date"/>.</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly date)
    {
        var d = date;
        while (!IsWorkingDay(d)) d = d.AddDays(1);
        return d;
    }
}

/// <summary>Thrown when a date falls in a year with no holiday data.</summary>
public sealed class CalendarNotCoveredException(int year, IEnumerable<int> known) : InvalidOperationException(
    $"The working-day calendar has no holiday data for {year} (known: {string.Join(", ", known.Order())}). " +
    $"Add holidays-{year}.json (holiday-cn format) to Campaigns:CalendarDirectory from the State Council's notice.")
{
    public int Year { get; } = year;
}

/// <summary>One listed date of a year's notice.</summary>
public sealed record HolidayDay(string Name, DateOnly Date, bool IsOffDay);

/// <summary>One year's notice in the holiday-cn JSON shape: <c>{year, days:[{name, date, isOffDay}]}</c>.</summary>
public sealed record HolidayYear(int Year, IReadOnlyList<HolidayDay> Days)
{
    public static HolidayYear Parse(Stream json, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var year = root.GetProperty("year").GetInt32();
            var days = new List<HolidayDay>();
            var i = 0;
            foreach (var d in root.GetProperty("days").EnumerateArray())
            {
                var dateText = d.GetProperty("date").GetString();
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", out var date) || date.Year != year)
                    throw new FormatException($"days[{i}].date '{dateText}' is not a YYYY-MM-DD date in {year}");
                days.Add(new HolidayDay(d.GetProperty("name").GetString() ?? "", date, d.GetProperty("isOffDay").GetBoolean()));
                i++;
            }
            return new HolidayYear(year, days);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new FormatException($"{source}: bad holiday calendar: {e.Message}. Expected {{\"year\":2026,\"days\":[{{\"name\":\"春节\",\"date\":\"2026-02-15\",\"isOffDay\":true}}]}}", e);
        }
    }
}
