using Ivr.Service.Calendar;
using Ivr.Service.SelfService.Hours;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Tests.SelfService.Hours;

public sealed class SeatHoursTests
{
    static OpenCalendars Hours(string? spec = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SeatHours"] = spec }).Build();
        return OpenCalendars.Create(config, WorkingDayCalendar.Load(), NullLogger<OpenCalendars>.Instance);
    }

    static bool SeatsOpen(OpenCalendars hours, string localTime) =>
        hours.At(DateTimeOffset.Parse(localTime + "+08:00")).Contains(OpenCalendars.SeatHours);

    [Theory]
    [InlineData("2026-11-23T09:00:00", true)]   // Monday, opening
    [InlineData("2026-11-23T08:59:00", false)]
    [InlineData("2026-11-23T12:30:00", false)]  // lunch
    [InlineData("2026-11-23T17:59:00", true)]
    [InlineData("2026-11-23T18:00:00", false)]
    [InlineData("2026-11-21T10:00:00", false)]  // Saturday
    [InlineData("2026-10-02T10:00:00", false)]  // National Day, a Friday
    [InlineData("2026-10-10T10:00:00", true)]   // a Saturday worked in exchange for the holiday
    public void Seats_answer_in_the_default_hours_on_working_days_only(string localTime, bool open) =>
        Assert.Equal(open, SeatsOpen(Hours(), localTime));

    [Fact]
    public void Hours_come_from_configuration()
    {
        var hours = Hours("08:30-12:00,13:30-17:30");
        Assert.True(SeatsOpen(hours, "2026-11-23T08:45:00"));
        Assert.False(SeatsOpen(hours, "2026-11-23T17:45:00"));
    }

    [Fact]
    public void A_year_without_holiday_data_keeps_the_seats_closed_rather_than_guessing() =>
        Assert.False(SeatsOpen(Hours(), "2030-03-04T10:00:00"));

    [Fact]
    public void Bad_hours_are_refused_at_start_naming_the_setting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Hours("9-12"));
        Assert.Contains("SelfService:SeatHours", e.Message);
        Assert.Contains("'9-12'", e.Message);
    }
}
