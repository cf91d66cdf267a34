using Ivr.Service.Calendar;
using Ivr.Service.Calls.Menu;
using Ivr.Service.Campaigns;
using Ivr.Service.Data;
using Ivr.Service.SelfService.Complaints;
using Ivr.Service.SelfService.Filing;
using Ivr.Service.SelfService.Hours;
using Ivr.Service.SelfService.Messages;
using Ivr.Service.SelfService.Reminders;
using Ivr.Service.SelfService.Survey;
using Ivr.Service.Sms;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

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
        services.AddWorkingDayCalendar(config);
        services.TryAddSingleton(sp => FilingDeadlines.Load(sp.GetRequiredService<WorkingDayCalendar>()));
        // Callers are answered for a year without holiday data too (CalendarCoverage warns); campaigns keep the strict calendar.
        services.TryAddSingleton(sp => new TaxDeadlines(FilingDeadlines.Load(sp.AnsweringCalendar())));
        services.TryAddSingleton(sp => OpenCalendars.Create(config.GetSection("SelfService"), sp.AnsweringCalendar(), sp.GetRequiredService<ILogger<OpenCalendars>>()));
        services.AddSingleton<IMenuAction, FilingDeadlineAction>();

        if (CampaignServices.PostgresOf(config) is not { } postgres || CampaignServices.RedisOf(config) is not { } redis) return services;
        services.AddCampaignEngine(config, postgres, redis);
        // Before the calls start: the first call may need the 0003 tables. Migrating twice is harmless (campaigns do too).
        services.AddHostedService(_ => new MigrateAtStart(postgres));
        services.TryAddSingleton<TaxpayerDirectory>();
        services.TryAddSingleton<SmsConsents>();
        services.TryAddSingleton<ComplaintTickets>();
        services.TryAddSingleton(sp => new CallSms(sp.GetRequiredService<ISmsSender>(), sp.GetRequiredService<SmsConsents>(),
            sp.GetRequiredService<IConnectionMultiplexer>(), config["Calls:Prefix"] ?? "ivr:", sp.GetRequiredService<ILogger<CallSms>>()));
        services.TryAddSingleton<IMenuSms>(sp => sp.GetRequiredService<CallSms>());
        services.AddSingleton<IMenuAction, FilingStatusAction>();
        services.AddSingleton<IMenuAction, SubscribeAction>();
        services.AddSingleton<IMenuAction, UnsubscribeAction>();
        services.AddSingleton<IMenuAction>(sp => new ComplaintCreateAction(sp.GetRequiredService<ComplaintTickets>(), sp.AnsweringCalendar(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IMenuAction, SurveyRecordAction>();
        return services;
    }

    sealed class MigrateAtStart(string postgres) : IHostedService
    {
        public Task StartAsync(CancellationToken ct) => MigrationRunner.MigrateAsync(postgres, ct);

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
