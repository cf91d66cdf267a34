using Ivr.Service.Campaigns;

namespace Ivr.Service;

/// <summary>Builds and runs the ASP.NET Core host.</summary>
public static class ServiceHost
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<Calls.Greeting.GreetingCalls>();
        builder.AddCampaigns();
        var app = builder.Build();
        app.MapCampaigns();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        await app.RunAsync();
    }
}
