using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ivr.Service.Calendar;

/// <summary>
/// The working-day calendar (shipped data plus <c>Campaigns:CalendarDirectory</c>) and its coverage check: a start-up
/// warning and the <c>calendar</c> entry of <c>/admin/health</c> for each year callers may ask about that has no data.
/// </summary>
public static class CalendarHosting
{
    /// <summary>Registers the calendar once, whichever capability asks first (self-service, seats).</summary>
    public static IServiceCollection AddWorkingDayCalendar(this IServiceCollection services, IConfiguration config)
    {
        if (services.Any(d => d.ServiceType == typeof(CalendarCoverage))) return services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => WorkingDayCalendar.Load(config["Campaigns:CalendarDirectory"]));
        services.TryAddSingleton(sp => new CalendarCoverage(sp.GetRequiredService<WorkingDayCalendar>(), sp.GetRequiredService<TimeProvider>(),
            config["Campaigns:CalendarDirectory"], sp.GetRequiredService<ILogger<CalendarCoverage>>()));
        services.AddHostedService(sp => sp.GetRequiredService<CalendarCoverage>());
        services.AddHealthChecks().AddCheck<CalendarCoverage>("calendar");
        return services;
    }

    /// <summary>
    /// The calendar for answers a caller needs now (deadlines, open hours, due dates): a year without data counts Monday
    /// to Friday rather than closing, while campaigns keep the strict calendar and never call on an unknown holiday.
    /// </summary>
    public static WorkingDayCalendar AnsweringCalendar(this IServiceProvider services) =>
        services.GetRequiredService<WorkingDayCalendar>().WeekendsOnlyWhereMissing();
}
