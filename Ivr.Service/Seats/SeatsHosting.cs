using Hangfire;
using Ivr.Ari;
using Ivr.Service.Calendar;
using Ivr.Service.Calls;
using Ivr.Service.Calls.Outbound;
using Ivr.Service.Menus;
using Ivr.Service.Seats.Admin;
using Ivr.Service.Seats.Callbacks;
using Ivr.Service.Seats.Config;
using Ivr.Service.Seats.Routing;
using Ivr.Service.Seats.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Ivr.Service.Seats;

/// <summary>Live seats in the service host: the queues file, the shared board in Redis, this instance's router, the admin API.</summary>
public static class SeatsHosting
{
    /// <summary>
    /// Registers seats when Redis is configured (Seats:Redis, else IVR_REDIS). The queues file is Seats:Queues (default
    /// seats/queues.yaml); a broken file stops start-up with every error. Without Redis, menus' queue nodes take their no-seat path.
    /// </summary>
    public static IServiceCollection AddSeats(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var redis = Data.ServerConnections.Redis(config, "Seats:Redis");
        if (redis is null) return services;
        var file = Path.GetFullPath(config["Seats:Queues"] ?? Path.Combine("seats", "queues.yaml"), contentRoot);
        var seats = QueueConfigLoader.Load(file, HostRegistry.Queues);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        services.AddSingleton(seats);
        services.AddSingleton(sp => new SeatBoard(sp.GetRequiredService<IConnectionMultiplexer>(), config["Seats:RedisPrefix"] ?? "ivr:seats:",
            sp.GetRequiredService<TimeProvider>()));
        var ari = AriSettings.From(config);
        var options = new RouterOptions(config["Seats:Instance"] ?? $"{Environment.MachineName}-{Environment.ProcessId}", ari.Application)
        {
            Lease = TimeSpan.FromSeconds(config.GetValue("Seats:LeaseSeconds", 10.0)),
        };
        services.AddTransient<CallbackJob>();
        services.AddOutboundTrunk(config);
        services.AddWorkingDayCalendar(config);
        services.AddSingleton(sp => new QueueRouter(sp.GetRequiredService<SeatBoard>(), sp.GetRequiredService<IConnectionMultiplexer>(), seats,
            sp.AnsweringCalendar(), options, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<QueueRouter>>(),
            sp.GetService<IBackgroundJobClient>() is { } hangfire ? new HangfireCallbackJobs(hangfire) : null,
            new AriClient(new AriClientOptions { BaseUrl = ari.Url, User = ari.User, Password = ari.Password, Application = ari.Application }),
            sp.GetRequiredService<OutboundTrunk>(),
            sp.GetService<Calls.Records.CallRecordsDatabase>() is { } records ? new OutboundDialStore(records) : null));
        services.AddSingleton<IQueueRouter>(sp => sp.GetRequiredService<QueueRouter>());
        services.AddHostedService(sp => sp.GetRequiredService<QueueRouter>());
        return services;
    }

    public static WebApplication MapSeats(this WebApplication app)
    {
        if (app.Services.GetService<SeatBoard>() is null) return app;
        app.MapGroup("/admin").RequireAuthorization(Ivr.Service.Admin.AdminAuthentication.ReadPolicy).MapSeatsReadApi();
        app.MapGroup("/admin").RequireAuthorization(Ivr.Service.Admin.AdminAuthentication.Policy).MapSeatsApi();
        return app;
    }
}
