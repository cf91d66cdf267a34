using Ivr.Service.Calendar;
using Ivr.Service.Sms;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using StackExchange.Redis;

namespace Ivr.Service.Campaigns;

/// <summary>Registration of the campaign engine without its host (shared by the service and the foreground worker).</summary>
public static class CampaignServices
{
    /// <summary>The PostgreSQL connection string for campaigns: Campaigns:Postgres, else IVR_POSTGRES.</summary>
    public static string? PostgresOf(IConfiguration config) => Data.ServerConnections.Postgres(config, "Campaigns:Postgres");

    /// <summary>The Redis configuration for pacing: Campaigns:Redis, else IVR_REDIS.</summary>
    public static string? RedisOf(IConfiguration config) => Data.ServerConnections.Redis(config, "Campaigns:Redis");

    public static IServiceCollection AddCampaignEngine(this IServiceCollection services, IConfiguration config, string postgres, string redis)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(postgres));
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        services.TryAddSingleton(sp => new RedisPacer(sp.GetRequiredService<IConnectionMultiplexer>(), config["Campaigns:RedisPrefix"] ?? "ivr:"));
        services.TryAddSingleton(_ => WorkingDayCalendar.Load(config["Campaigns:CalendarDirectory"]));
        services.TryAddSingleton(sp => FilingDeadlines.Load(sp.GetRequiredService<WorkingDayCalendar>()));
        services.TryAddSingleton(_ => config.GetSection("Campaigns:Dispatch").Get<DispatchOptions>() ?? new DispatchOptions());
        services.TryAddSingleton<ISmsSender>(sp => SmsSenders.Create(config.GetSection("Sms"), sp));
        services.TryAddSingleton<ReceiptRecorder>();
        services.TryAddSingleton<ReminderSms>();
        services.TryAddSingleton<VoiceCalls>();
        services.TryAddSingleton<ChunkDispatcher>();
        services.TryAddSingleton<CampaignScheduler>();
        services.TryAddSingleton<CampaignValidator>();
        services.TryAddSingleton<CampaignAdmin>();
        services.TryAddSingleton<AudienceImport>();
        services.TryAddTransient<CampaignJobRunner>();
        return services;
    }
}
