using Ivr.Service.Calls.Menu;
using Ivr.Service.Calls.Outbound;
using Ivr.Service.Calls.Records;
using Ivr.Service.Campaigns;
using Ivr.Service.Menus.Production;
using Ivr.Service.Seats;
using Ivr.Service.SelfService;
using Ivr.Service.Speech;

namespace Ivr.Service;

/// <summary>Builds and runs the ASP.NET Core host.</summary>
public static class ServiceHost
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSpeech(builder.Configuration);
        // Broken menus must not leave the hotline silent: calls get the built-in greeting and the log says why.
        if (MenuCallSetup.TryLoad(builder.Configuration, builder.Environment.ContentRootPath, out var menuErrors) is { } menus)
        {
            builder.Services.AddSingleton(menus);
            builder.Services.AddMenuProduction(builder.Configuration, menus, builder.Environment.ContentRootPath);
            builder.Services.AddSelfService(builder.Configuration);
            builder.Services.AddSeats(builder.Configuration, builder.Environment.ContentRootPath);
            builder.Services.AddHostedService<MenuCalls>();
        }
        else
        {
            builder.Services.AddHostedService(sp => new MenuLoadFailureLog(menuErrors, sp.GetRequiredService<ILogger<MenuLoadFailureLog>>()));
            builder.Services.AddHostedService<Calls.Greeting.GreetingCalls>();
        }
        builder.AddCampaigns();
        builder.Services.AddCallRecords(builder.Configuration);
        builder.Services.AddOutboundDialer(builder.Configuration);
        var app = builder.Build();
        app.MapCampaigns();
        app.MapSeats();
        app.MapMenusAdmin();
        app.MapCallRecords();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        await app.RunAsync();
    }
}
