namespace Ivr.Service.Calendar;

/// <summary>
/// When taxpayers may be contacted: time ranges of the local day (default 09:00–12:00 and 14:00–18:00,
/// Asia/Shanghai) on working days of the calendar.
/// </summary>
public sealed class CallingWindows
{
    public const string Default = "09:00-12:00,14:00-18:00";

    /// <summary>No restriction: notification SMS that providers allow at any hour, any day.</summary>
    public const string Always = "always";

    readonly (TimeOnly Start, TimeOnly End)[] ranges;
    readonly TimeZoneInfo zone;
    readonly WorkingDayCalendar calendar;

    CallingWindows((TimeOnly, TimeOnly)[] ranges, TimeZoneInfo zone, WorkingDayCalendar calendar)
    {
        this.ranges = ranges;
        this.zone = zone;
        this.calendar = calendar;
    }

    /// <summary>Parses "HH:mm-HH:mm,HH:mm-HH:mm" (or "always") in an IANA time zone; errors name the bad part and the expected form.</summary>
    public static CallingWindows Parse(string spec, string timeZone, WorkingDayCalendar calendar)
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new FormatException($"calling windows: unknown time zone '{timeZone}' (use an IANA name such as Asia/Shanghai)");
        }
        if (spec.Trim() == Always) return new CallingWindows([], zone, calendar);
        var list = new List<(TimeOnly, TimeOnly)>();
        foreach (var part in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length != 2
                || !TimeOnly.TryParseExact(bounds[0], "HH:mm", out var start)
                || !TimeOnly.TryParseExact(bounds[1], "HH:mm", out var end))
                throw new FormatException($"calling windows: '{part}' in '{spec}' is not a range like 09:00-12:00");
            if (end <= start)
                throw new FormatException($"calling windows: '{part}' ends before it starts (windows cannot cross midnight)");
            list.Add((start, end));
        }
        if (list.Count == 0) throw new FormatException($"calling windows: '{spec}' has no range; the default is {Default}");
        list.Sort();
        for (var i = 1; i < list.Count; i++)
            if (list[i].Item1 < list[i - 1].Item2)
                throw new FormatException($"calling windows: ranges in '{spec}' overlap");
        return new CallingWindows([.. list], zone, calendar);
    }

    /// <summary>Whether contact is allowed at this instant.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        if (ranges.Length == 0) return true;
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (!calendar.IsWorkingDay(date)) return false;
        var time = TimeOnly.FromDateTime(local.DateTime);
        return ranges.Any(r => time >= r.Start && time < r.End);
    }

    /// <summary><paramref name="instant"/> if open, else the start of the next window.</summary>
    public DateTimeOffset NextOpen(DateTimeOffset instant)
    {
        if (IsOpen(instant)) return instant;
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        // A year of closed days can only mean a broken calendar; stop rather than loop.
        for (var i = 0; i < 400; i++, date = date.AddDays(1), time = TimeOnly.MinValue)
        {
            if (!calendar.IsWorkingDay(date)) continue;
            foreach (var (start, _) in ranges)
                if (start >= time) return ToInstant(date, start);
        }
        throw new InvalidOperationException("calling windows: no open window within 400 days");
    }

    /// <summary>When the window open at <paramref name="instant"/> closes (the instant itself if closed).</summary>
    public DateTimeOffset ClosesAt(DateTimeOffset instant)
    {
        if (!IsOpen(instant)) return instant;
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var range = ranges.First(r => time >= r.Start && time < r.End);
        return ToInstant(DateOnly.FromDateTime(local.DateTime), range.End);
    }

    DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
