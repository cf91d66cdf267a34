using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Service.Admin;
using Ivr.Service.Calendar;
using Ivr.Service.SelfService.Filing;
using Ivr.Service.SelfService.Hours;
using Ivr.Tests.Menus.Production;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Tests.Calendar;

/// <summary>
/// 2027's holiday notice is not published as of 23 November 2026: the service warns, answers callers on a weekends-only
/// calendar for 2027 (no dates invented), and campaigns still refuse 2027. The clock is fake, set in China.
/// </summary>
public sealed class CalendarCoverageTests
{
    static FakeTimeProvider ChinaClock(string localTime) => new(DateTimeOffset.Parse(localTime + "+08:00"));

    [Fact]
    public async Task Year_without_holiday_data_is_warned_at_start_naming_its_file_and_shown_as_a_warning_in_admin_health()
    {
        var builder = WebApplication.CreateBuilder();
        var log = new LogLines();
        builder.Logging.ClearProviders().AddProvider(log);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Admin:Keys:0:Name"] = "victor", ["Admin:Keys:0:Key"] = "viewer-key", ["Admin:Keys:0:Role"] = "viewer",
        });
        builder.Services.AddSingleton<TimeProvider>(ChinaClock("2026-11-23T10:00:00"));
        builder.Services.AddAdminAuthentication(builder.Configuration);
        builder.Services.AddWorkingDayCalendar(builder.Configuration);
        await using var app = builder.Build();
        app.MapAdminHealth();
        await app.StartAsync();

        Assert.Contains(log.Lines, l => l.StartsWith("Warning: working-day calendar: no holiday data for 2027; add holidays-2027.json", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Contains("holidays-2026.json", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Add("X-Api-Key", "viewer-key");
        var health = await http.GetFromJsonAsync<JsonElement>("admin/health");
        var calendar = health.GetProperty("checks").GetProperty("calendar");
        Assert.Equal("Degraded", calendar.GetProperty("status").GetString());
        Assert.Contains("add holidays-2027.json", calendar.GetProperty("description").GetString());
        Assert.Equal([2027], calendar.GetProperty("data").GetProperty("missing").EnumerateArray().Select(y => y.GetInt32()));
        await app.StopAsync();
    }

    [Fact]
    public async Task Notice_added_to_the_calendar_directory_makes_the_year_covered()
    {
        var folder = Directory.CreateTempSubdirectory("ivr-holidays-");
        try
        {
            // A made-up notice, for this test only: the service itself never invents holidays.
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "holidays-2027.json"),
                """{"year":2027,"days":[{"name":"test","date":"2027-01-01","isOffDay":true}]}""");
            var coverage = new CalendarCoverage(WorkingDayCalendar.Load(folder.FullName), ChinaClock("2026-11-23T10:00:00"), folder.FullName,
                NullLogger<CalendarCoverage>.Instance);

            Assert.Empty(coverage.MissingYears());
            Assert.Equal(HealthStatus.Healthy, (await coverage.CheckHealthAsync(new HealthCheckContext())).Status);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_years_asked_about_follow_the_clock_in_china()
    {
        var calendar = WorkingDayCalendar.Load();
        // 31 December 2025, 17:00 UTC is already 1 January 2026 in China: 2026 and 2027 are asked about.
        Assert.Equal([2027], new CalendarCoverage(calendar, new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 17, 0, 0, TimeSpan.Zero)), null,
            NullLogger<CalendarCoverage>.Instance).MissingYears());
        Assert.Empty(new CalendarCoverage(calendar, ChinaClock("2025-06-01T10:00:00"), null, NullLogger<CalendarCoverage>.Instance).MissingYears());
    }

    [Theory]
    // 15 January 2027 is a Friday: nothing moves it on a weekends-only calendar.
    [InlineData(2027, 1, "2027-01-15")]
    // 15 May 2027 is a Saturday: the first working day after is Monday the 17th.
    [InlineData(2027, 5, "2027-05-17")]
    public void Deadlines_of_a_year_without_data_follow_the_109_rule_on_a_weekends_only_calendar(int year, int month, string expected)
    {
        var deadlines = FilingDeadlines.Load(WorkingDayCalendar.Load().WeekendsOnlyWhereMissing());

        Assert.Equal(DateOnly.Parse(expected), deadlines.Monthly(year, month));
    }

    [Fact]
    public void Annual_deadline_in_the_next_year_is_answered_and_campaigns_still_refuse_the_year()
    {
        var strict = WorkingDayCalendar.Load();
        var taxes = new TaxDeadlines(FilingDeadlines.Load(strict.WeekendsOnlyWhereMissing()));

        Assert.Equal(new DateOnly(2027, 5, 31), taxes.Next("cit-annual", new DateOnly(2026, 11, 23)));
        Assert.Throws<CalendarNotCoveredException>(() => strict.IsWorkingDay(new DateOnly(2027, 1, 4)));
    }

    [Theory]
    [InlineData("2027-01-04T10:00:00", true)] // a Monday
    [InlineData("2027-01-02T10:00:00", false)] // a Saturday
    [InlineData("2027-01-04T13:00:00", false)] // the lunch break
    public void Seat_hours_in_a_year_without_data_open_monday_to_friday(string localTime, bool open)
    {
        var hours = OpenCalendars.Create(new ConfigurationBuilder().Build().GetSection("SelfService"), WorkingDayCalendar.Load().WeekendsOnlyWhereMissing(),
            NullLogger<OpenCalendars>.Instance);

        Assert.Equal(open, hours.At(DateTimeOffset.Parse(localTime + "+08:00")).Contains(OpenCalendars.SeatHours));
    }
}
