using System.Globalization;

namespace Ivr.Service.Calls.Records;

/// <summary>A calendar month in the hotline's time zone (China), parsed from <c>2026-11</c>.</summary>
public sealed record MonthOf(int Year, int Month)
{
    static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static MonthOf Parse(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? new MonthOf(d.Year, d.Month)
            : throw new FormatException($"month '{text}' is not of the form YYYY-MM, e.g. 2026-11");

    /// <summary>The month's first instant and the next month's first instant, in UTC.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Range()
    {
        var first = new DateTime(Year, Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        DateTimeOffset Utc(DateTime local) => new(TimeZoneInfo.ConvertTimeToUtc(local, China), TimeSpan.Zero);
        return (Utc(first), Utc(first.AddMonths(1)));
    }

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}

/// <summary>How often an action ran in the month and how often it gave the caller an answer (a result other than error).</summary>
public sealed record ActionCount(string Action, long Calls, long Answered);

/// <summary>The monthly report of inbound calls: totals by outcome, the self-service rate and the top actions.</summary>
public sealed record MonthlyStatistics(string Month, long Calls, IReadOnlyDictionary<string, long> ByOutcome, double SelfServiceRate,
    IReadOnlyList<ActionCount> TopActions)
{
    public const int TopActionCount = 10;

    public static MonthlyStatistics From(MonthOf month, IReadOnlyDictionary<string, long> byOutcome, IReadOnlyList<ActionCount> top)
    {
        var outcomes = new[] { CallOutcomes.SelfServed, CallOutcomes.Queued, CallOutcomes.Abandoned, CallOutcomes.Error }
            .ToDictionary(o => o, o => byOutcome.GetValueOrDefault(o));
        var calls = outcomes.Values.Sum();
        var rate = calls == 0 ? 0 : Math.Round((double)outcomes[CallOutcomes.SelfServed] / calls, 4);
        return new MonthlyStatistics(month.ToString(), calls, outcomes, rate, top);
    }
}
