using Ivr.Service.Calendar;
using Ivr.Service.Campaigns;
using Ivr.Service.Data;
using Ivr.Service.SelfService.Complaints;
using Ivr.Service.SelfService.Filing;
using Ivr.Service.SelfService.Hours;
using Ivr.Service.SelfService.Reminders;
using Ivr.Service.SelfService.Survey;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ivr.Service.SelfService;

/// <summary>
/// Registers filing deadlines and seat hours (calendar data only), and, with a PostgreSQL configured (Campaigns:Postgres
/// or IVR_POSTGRES, as for campaigns), filing status, SMS reminder consent, complaints and the survey. Without one those
/// actions stay unconnected and answer <c>error</c>, so callers go to a seat.
/// </summary>
public static class TaxpayerActionsHosting
{
    public static IServiceCollection AddTaxpayerActions(this IServiceCollection services, IConfiguration config)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => WorkingDayCalendar.Load(config["Campaigns:CalendarDirectory"]));
        services.TryAddSingleton(sp => FilingDeadlines.Load(sp.GetRequiredService<WorkingDayCalendar>()));
        services.TryAddSingleton<TaxDeadlines>();
        services.TryAddSingleton(sp => OpenCalendars.Create(config.GetSection("SelfService"), sp.GetRequiredService<WorkingDayCalendar>(),
            sp.GetRequiredService<ILogger<OpenCalendars>>()));
        services.AddSingleton<IMenuAction, FilingDeadlineAction>();

        if (CampaignServices.PostgresOf(config) is not { } postgres || CampaignServices.RedisOf(config) is not { } redis) return services;
        services.AddCampaignEngine(config, postgres, redis);
        // Before the calls start: the first call may need the 0003 tables. Migrating twice is harmless (campaigns do too).
        services.AddHostedService(_ => new MigrateAtStart(postgres));
        services.TryAddSingleton<TaxpayerDirectory>();
        services.TryAddSingleton<SmsConsents>();
        services.TryAddSingleton<ComplaintTickets>();
        services.TryAddSingleton<CallSms>();
        services.AddSingleton<IMenuAction, FilingStatusAction>();
        services.AddSingleton<IMenuAction, SubscribeAction>();
        services.AddSingleton<IMenuAction, UnsubscribeAction>();
        services.AddSingleton<IMenuAction, ComplaintCreateAction>();
        services.AddSingleton<IMenuAction, SurveyRecordAction>();
        return services;
    }

    sealed class MigrateAtStart(string postgres) : IHostedService
    {
        public Task StartAsync(CancellationToken ct) => MigrationRunner.MigrateAsync(postgres, ct);

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
