using Hangfire;
using Hangfire.PostgreSql;
using Ivr.Service.Admin;
using Ivr.Service.Data;
using Ivr.Service.Sms;

namespace Ivr.Service.Campaigns;

/// <summary>Campaigns in the service host: the engine, Hangfire on PostgreSQL, migrations at start-up, the admin API.</summary>
public static class CampaignsHosting
{
    public static WebApplicationBuilder AddCampaigns(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Services.AddAdminAuthentication(config);
        var postgres = CampaignServices.PostgresOf(config);
        var redis = CampaignServices.RedisOf(config);
        if (postgres is null || redis is null) return builder;

        builder.Services.AddCampaignEngine(config, postgres, redis);
        builder.Services.AddSingleton<ICampaignJobs, HangfireCampaignJobs>();
        // Registered before the Hangfire server so the schema exists before the first job runs.
        builder.Services.AddHostedService(sp => new CampaignStartup(postgres, sp));
        builder.Services.AddHangfire(h => h
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(postgres), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                QueuePollInterval = TimeSpan.FromSeconds(config.GetValue("Campaigns:QueuePollSeconds", 1.0)),
                UseSlidingInvisibilityTimeout = true,
            }));
        builder.Services.AddHangfireServer(o => o.WorkerCount = config.GetValue("Campaigns:Workers", Math.Max(4, Environment.ProcessorCount)));
        return builder;
    }

    public static WebApplication MapCampaigns(this WebApplication app)
    {
        var admin = app.MapGroup("/admin").RequireAuthorization(AdminAuthentication.Policy);
        if (app.Services.GetService<CampaignAdmin>() is null)
        {
            admin.MapGet("/campaigns/{**rest}", () => Results.Problem(
                "Campaigns are off: set Campaigns:Postgres and Campaigns:Redis (or IVR_POSTGRES and IVR_REDIS).", statusCode: 503));
            return app;
        }
        admin.MapCampaignsApi();
        app.MapHangfireDashboard("/admin/hangfire", new DashboardOptions { Authorization = [], DashboardTitle = "12366 campaigns" })
            .RequireAuthorization(AdminAuthentication.Policy);
        app.MapSmsReceipts();
        return app;
    }

    /// <summary>Migrates the database and registers the scheduler's recurring job before jobs run.</summary>
    sealed class CampaignStartup(string postgres, IServiceProvider services) : IHostedService
    {
        public async Task StartAsync(CancellationToken ct)
        {
            await MigrationRunner.MigrateAsync(postgres, ct);
            services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<CampaignJobRunner>(
                CampaignJobRunner.TickJobId, j => j.TickAsync(CancellationToken.None), Cron.Minutely());
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
