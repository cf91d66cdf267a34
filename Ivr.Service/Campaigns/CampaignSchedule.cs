using Cronos;
using Ivr.Service.Calendar;

namespace Ivr.Service.Campaigns;

/// <summary>
/// When a campaign runs: <c>once 2026-03-10 09:30</c>, <c>cron 30 9 * * MON-FRI</c> (Cronos, in the campaign's
/// time zone), or <c>before-deadline 5 09:30</c> — 5 working days before each monthly filing deadline at 09:30.
/// </summary>
public abstract record CampaignSchedule
{
    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when there is none.</summary>
    public abstract DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone);

    /// <summary>Parses a schedule; errors quote the text and show the three accepted forms.</summary>
    public static CampaignSchedule Parse(string text, FilingDeadlines deadlines)
    {
        const string forms = "expected 'once YYYY-MM-DD HH:mm', 'cron <5-field cron>' or 'before-deadline <working days> HH:mm'";
        var t = text.Trim();
        var space = t.IndexOf(' ');
        if (space < 0) throw new FormatException($"schedule '{text}': {forms}");
        var (kind, rest) = (t[..space], t[(space + 1)..].Trim());
        switch (kind)
        {
            case "once":
                if (!DateTime.TryParseExact(rest, "yyyy-MM-dd HH:mm", null, System.Globalization.DateTimeStyles.None, out var at))
                    throw new FormatException($"schedule '{text}': '{rest}' is not 'YYYY-MM-DD HH:mm'");
                return new Once(at);
            case "cron":
                try
                {
                    return new Cron(CronExpression.Parse(rest));
                }
                catch (CronFormatException e)
                {
                    throw new FormatException($"schedule '{text}': bad cron expression: {e.Message}", e);
                }
            case "before-deadline":
                var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2 || !int.TryParse(parts[0], out var days) || days < 0 || days > 15
                    || !TimeOnly.TryParseExact(parts[1], "HH:mm", out var time))
                    throw new FormatException($"schedule '{text}': expected 'before-deadline <0-15> HH:mm'");
                return new BeforeDeadline(days, time, deadlines);
            default:
                throw new FormatException($"schedule '{text}': unknown kind '{kind}'; {forms}");
        }
    }

    sealed record Once(DateTime Local) : CampaignSchedule
    {
        public override DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone)
        {
            var at = new DateTimeOffset(Local, zone.GetUtcOffset(Local));
            return at > after ? at : null;
        }
    }

    sealed record Cron(CronExpression Expression) : CampaignSchedule
    {
        public override DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone) =>
            Expression.GetNextOccurrence(after, zone, inclusive: false);
    }

    sealed record BeforeDeadline(int WorkingDays, TimeOnly Time, FilingDeadlines Deadlines) : CampaignSchedule
    {
        public override DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone)
        {
            var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
            // The reminder day precedes its deadline, so look from the current month's deadline on.
            foreach (var deadline in Deadlines.From(new DateOnly(localDate.Year, localDate.Month, 1)))
            {
                var day = Deadlines.Calendar.AddWorkingDays(deadline, -WorkingDays);
                var local = day.ToDateTime(Time, DateTimeKind.Unspecified);
                var at = new DateTimeOffset(local, zone.GetUtcOffset(local));
                if (at > after) return at;
            }
            return null;
        }
    }
}
