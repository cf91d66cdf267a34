using Ivr.Service.Admin;
using Ivr.Service.Calls.Menu;
using Npgsql;

namespace Ivr.Service.Menus.Production;

/// <summary>
/// Menus in production in the service host: revisions in PostgreSQL (<c>Menus:Postgres</c>, else IVR_POSTGRES),
/// activations over Redis (<c>Menus:Redis</c>, else IVR_REDIS; channel prefix <c>Menus:RedisPrefix</c>, default
/// <c>ivr:</c>), the menus folder watched (<c>Menus:Watch</c>, default true; quiet time <c>Menus:ReloadDelayMs</c>,
/// default 500) and the admin API. Without PostgreSQL and Redis the menus load once at start-up.
/// </summary>
public static class MenuProductionHosting
{
    public static IServiceCollection AddMenuProduction(this IServiceCollection services, IConfiguration config, MenuCallSetup setup, string contentRoot)
    {
        services.AddAdminAuthentication(config);
        services.AddHealthChecks();
        var postgres = Data.ServerConnections.Postgres(config, "Menus:Postgres");
        var redis = Data.ServerConnections.Redis(config, "Menus:Redis");
        if (string.IsNullOrEmpty(postgres) || string.IsNullOrEmpty(redis)) return services;

        var folder = Path.GetFullPath(config["Menus:Path"] ?? "menus", contentRoot);
        services.AddSingleton(_ => new MenuRevisionRepository(NpgsqlDataSource.Create(postgres)));
        services.AddSingleton(_ => new MenuActivationBus(redis, config["Menus:RedisPrefix"] ?? "ivr:"));
        services.AddSingleton(sp => new MenuDeployment(setup.Menus, HostRegistry.Catalog(setup.Prompts),
            sp.GetRequiredService<MenuRevisionRepository>(), sp.GetRequiredService<MenuActivationBus>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MenuDeployment>>()));
        services.AddHostedService(sp => new MenuProductionStartup(postgres, folder, sp.GetRequiredService<MenuDeployment>(),
            sp.GetRequiredService<MenuActivationBus>()));
        if (config.GetValue("Menus:Watch", true))
            services.AddHostedService(sp => new MenuFileWatcher(folder, sp.GetRequiredService<MenuDeployment>(),
                TimeSpan.FromMilliseconds(config.GetValue("Menus:ReloadDelayMs", 500)), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<MenuFileWatcher>>()));
        services.AddHealthChecks().AddCheck<MenuHealthCheck>("menus");
        return services;
    }

    /// <summary>Maps /admin/menus and /admin/health; without menus in production, /admin/menus says what is missing.</summary>
    public static WebApplication MapMenusAdmin(this WebApplication app)
    {
        app.MapAdminHealth();
        if (app.Services.GetService<MenuDeployment>() is not null)
        {
            app.MapMenusApi();
            return app;
        }
        app.MapMethods("/admin/menus/{**rest}", ["GET", "POST"], () => Results.Problem(
            "Menus in production are off: the menus did not load at start-up (see the log), or Menus:Postgres and Menus:Redis " +
            "(or IVR_POSTGRES and IVR_REDIS) are not set.", statusCode: 503)).RequireAuthorization(AdminAuthentication.ReadPolicy);
        return app;
    }
}
