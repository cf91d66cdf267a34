using Ivr.Service.Campaigns;
using Ivr.Service.Data;
using Ivr.Service.SelfService.Invoices.Http;
using Ivr.Service.SelfService.Invoices.Limits;
using Ivr.Service.SelfService.Invoices.Registry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using StackExchange.Redis;

namespace Ivr.Service.SelfService.Invoices;

/// <summary>
/// Registers <c>invoice.verify</c> with the verifier <c>Invoices:Verifier</c> names (registry, the default, or http) and
/// the Redis limits. PostgreSQL and Redis are the service's shared ones unless Invoices:Postgres / Invoices:Redis name
/// others. Without them and without an explicit Invoices:Verifier nothing is registered and the menu's invoice check
/// answers <c>error</c>; with an explicit verifier a missing setting stops the start with a message naming it.
/// </summary>
public static class InvoiceServices
{
    const string DatabaseKey = "invoices";

    public static IServiceCollection AddInvoices(this IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection("Invoices");
        var verifier = section["Verifier"];
        var redis = section["Redis"] is { Length: > 0 } r ? r : CampaignServices.RedisOf(config);
        var postgres = PostgresOf(config);
        var needsPostgres = (verifier ?? "registry") == "registry";
        if (verifier is null && (redis is null || postgres is null)) return services;
        if (verifier is not (null or "registry" or "http"))
            throw new InvalidOperationException($"Invoices:Verifier is '{verifier}': use 'registry' (PostgreSQL) or 'http' (upstream service)");
        if (redis is null) throw new InvalidOperationException("invoice checks need Redis for their limits: set Invoices:Redis or IVR_REDIS");
        if (needsPostgres && postgres is null)
            throw new InvalidOperationException("Invoices:Verifier 'registry' needs PostgreSQL: set Invoices:Postgres or IVR_POSTGRES");

        services.TryAddSingleton(TimeProvider.System);
        if (section["Redis"] is { Length: > 0 })
            services.AddKeyedSingleton<IConnectionMultiplexer>(DatabaseKey, (_, _) => ConnectionMultiplexer.Connect(redis));
        else
        {
            services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
            services.AddKeyedSingleton(DatabaseKey, (sp, _) => sp.GetRequiredService<IConnectionMultiplexer>());
        }
        var limits = (section.GetSection("Limits").Get<InvoiceLimitOptions>() ?? new InvoiceLimitOptions()).Validated();
        services.AddSingleton(sp => new InvoiceLimits(sp.GetRequiredKeyedService<IConnectionMultiplexer>(DatabaseKey),
            section["RedisPrefix"] ?? "ivr:", limits, sp.GetRequiredService<TimeProvider>()));

        if (needsPostgres) AddRegistry(services, section, postgres!);
        else
        {
            var http = (section.GetSection("Http").Get<HttpVerifierOptions>() ?? new HttpVerifierOptions()).Validated();
            services.AddInvoiceHttpClient(http);
            services.AddSingleton<IInvoiceVerifier>(sp => new HttpInvoiceVerifier(
                sp.GetRequiredService<IHttpClientFactory>(), http, sp.GetRequiredService<ILogger<HttpInvoiceVerifier>>()));
        }
        services.AddSingleton<IMenuAction, InvoiceVerifyAction>();
        return services;
    }

    /// <summary>The registry's PostgreSQL: Invoices:Postgres, else the campaigns' (Campaigns:Postgres, else IVR_POSTGRES).</summary>
    public static string? PostgresOf(IConfiguration config) =>
        config["Invoices:Postgres"] is { Length: > 0 } s ? s : CampaignServices.PostgresOf(config);

    static void AddRegistry(IServiceCollection services, IConfigurationSection section, string postgres)
    {
        if (section["Postgres"] is { Length: > 0 })
            services.AddKeyedSingleton(DatabaseKey, (_, _) => NpgsqlDataSource.Create(postgres));
        else
        {
            services.TryAddSingleton(_ => NpgsqlDataSource.Create(postgres));
            services.AddKeyedSingleton(DatabaseKey, (sp, _) => sp.GetRequiredService<NpgsqlDataSource>());
        }
        services.AddSingleton<IInvoiceVerifier>(sp => new PostgresInvoiceRegistry(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(DatabaseKey), sp.GetRequiredService<TimeProvider>()));
        // The registry's table must exist before the first call; migrating twice (campaigns do too) is a no-op.
        services.AddHostedService(_ => new RegistryMigration(postgres));
    }

    sealed class RegistryMigration(string postgres) : IHostedService
    {
        public Task StartAsync(CancellationToken ct) => MigrationRunner.MigrateAsync(postgres, ct);

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
