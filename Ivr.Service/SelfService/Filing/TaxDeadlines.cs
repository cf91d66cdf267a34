using Ivr.Service.Calendar;

namespace Ivr.Service.SelfService.Filing;

/// <summary>
/// The next filing deadline of each tax the menus may ask about (the <c>tax</c> argument of filing.deadline): monthly
/// and quarterly returns follow the published monthly calendar; annual reconciliations have a fixed date, moved to the
/// next working day when it is a rest day (§109, e.g. 31 May 2025 → 3 June).
/// </summary>
public sealed class TaxDeadlines(FilingDeadlines deadlines)
{
    /// <summary>Annual deadlines as (month, day): 企业所得税 汇算清缴 31 May, 个人所得税 综合所得 30 June, 经营所得 31 March.</summary>
    static readonly Dictionary<string, (int Month, int Day)> Annual = new()
    {
        ["cit-annual"] = (5, 31),
        ["iit-annual"] = (6, 30),
        ["iit-business"] = (3, 31),
    };

    /// <summary>Taxes filed within 15 days after each month or quarter.</summary>
    static readonly HashSet<string> Periodic = ["vat", "cit", "consumption", "iit-withholding"];

    public static IEnumerable<string> Known => [.. Periodic.Order(), .. Annual.Keys.Order()];

    /// <summary>The first deadline of <paramref name="tax"/> on or after <paramref name="today"/>.</summary>
    public DateOnly Next(string tax, DateOnly today)
    {
        if (Periodic.Contains(tax)) return deadlines.From(today).First();
        if (!Annual.TryGetValue(tax, out var date))
            throw new ArgumentException($"filing.deadline: tax '{tax}' is unknown; known taxes: {string.Join(", ", Known)}");
        var thisYear = deadlines.Calendar.OnOrNextWorkingDay(new DateOnly(today.Year, date.Month, date.Day));
        return thisYear >= today ? thisYear : deadlines.Calendar.OnOrNextWorkingDay(new DateOnly(today.Year + 1, date.Month, date.Day));
    }
}
