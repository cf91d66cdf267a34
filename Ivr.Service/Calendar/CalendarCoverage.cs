using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ivr.Service.Calendar;

/// <summary>
/// Whether the holiday data covers the years callers ask about — this year and the next in China (a December caller's
/// next deadline is in January; an annual deadline past this year's date is next year's). A missing year is not
/// guessed: the start-up log names the file to add, <c>/admin/health</c> shows the check <c>calendar</c> as degraded,
/// and meanwhile deadlines follow the §109 rule and seat hours open on a Monday–Friday calendar for that year.
/// </summary>
public sealed partial class CalendarCoverage(WorkingDayCalendar calendar, TimeProvider time, string? directory, ILogger<CalendarCoverage> logger)
    : IHostedService, IHealthCheck
{
    static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The years callers may ask about now that have no holiday data, in order.</summary>
    public IReadOnlyList<int> MissingYears()
    {
        var year = TimeZoneInfo.ConvertTime(time.GetUtcNow(), China).Year;
        return [.. new[] { year, year + 1 }.Where(y => !calendar.Covers(y))];
    }

    /// <summary>The file the State Council's notice of <paramref name="year"/> goes in (holiday-cn format).</summary>
    public static string FileOf(int year) => $"holidays-{year}.json";

    string Where => directory is { Length: > 0 } ? Path.GetFullPath(directory) : "the folder set as Campaigns:CalendarDirectory (none is set)";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var year in MissingYears()) LogMissing(logger, year, FileOf(year), Where);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = MissingYears();
        var data = new Dictionary<string, object> { ["years"] = calendar.Years.Order().ToList(), ["missing"] = missing };
        if (missing.Count == 0) return Task.FromResult(HealthCheckResult.Healthy("holiday data covers this year and the next", data));
        var files = string.Join(", ", missing.Select(FileOf));
        return Task.FromResult(HealthCheckResult.Degraded(
            $"no holiday data for {string.Join(", ", missing)}: add {files} to {Where}; until then deadlines of those years follow " +
            "the §109 rule and seats open Monday to Friday, holidays unknown", data: data));
    }

    [LoggerMessage(EventId = 6340, Level = LogLevel.Warning,
        Message = "working-day calendar: no holiday data for {Year}; add {File} (holiday-cn format, from the State Council's notice) to {Directory}. " +
                  "Until then deadlines in {Year} follow the §109 rule and seat hours open Monday to Friday, with no holidays or make-up days")]
    static partial void LogMissing(ILogger logger, int year, string file, string directory);
}
