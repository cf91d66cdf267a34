using Ivr.Service.Admin;
using Ivr.Service.Campaigns;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Ivr.Service.Calls.Records;

/// <summary>Call records in the service: the background writer (which also applies the migrations) and /admin/calls.</summary>
public static class CallRecordsHosting
{
    /// <summary>CallRecords:Postgres, else the campaigns' database (Campaigns:Postgres / IVR_POSTGRES); null turns records off.</summary>
    public static string? PostgresOf(IConfiguration config) =>
        config["CallRecords:Postgres"] is { Length: > 0 } s ? s : CampaignServices.PostgresOf(config);

    public static IServiceCollection AddCallRecords(this IServiceCollection services, IConfiguration config)
    {
        if (PostgresOf(config) is not { } postgres) return services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new CallRecordsDatabase(NpgsqlDataSource.Create(postgres)));
        services.TryAddSingleton(config.GetSection("CallRecords").Get<CallRecordOptions>() ?? new CallRecordOptions());
        services.TryAddSingleton<CallRecordStore>();
        services.TryAddSingleton<CallRecordWriter>();
        services.TryAddSingleton<ICallRecorder>(sp => sp.GetRequiredService<CallRecordWriter>());
        services.AddHostedService(sp => new CallRecordsStartup(postgres, sp.GetRequiredService<CallRecordWriter>(),
            sp.GetRequiredService<ILogger<CallRecordWriter>>()));
        return services;
    }

    public static WebApplication MapCallRecords(this WebApplication app)
    {
        var admin = app.MapGroup("/admin").RequireAuthorization(AdminAuthentication.ReadPolicy);
        if (app.Services.GetService<CallRecordStore>() is null)
            admin.MapGet("/calls/{**rest}", () => Results.Problem(
                "Call records are off: set CallRecords:Postgres (or Campaigns:Postgres / IVR_POSTGRES).", statusCode: 503));
        else
            admin.MapCallsApi();
        return app;
    }
}
