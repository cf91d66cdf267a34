using Ivr.Menus.Model;
using Ivr.Service.Calls.Menu;
using Ivr.Service.Menus;
using Ivr.Service.Menus.Production;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ivr.Tests.Menus.Production;

/// <summary>One service instance with menus in production on loopback: the store new calls take, the deployment, the admin API.</summary>
public sealed class MenuInstance : IAsyncDisposable
{
    MenuInstance(WebApplication app, string folder, MenuCallSetup setup, LogLines log)
    {
        App = app;
        Folder = folder;
        Setup = setup;
        Log = log;
        Address = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public string Folder { get; }

    public MenuCallSetup Setup { get; }

    public MenuStore Store => Setup.Menus;

    public MenuDeployment Deployment => App.Services.GetRequiredService<MenuDeployment>();

    public LogLines Log { get; }

    public Uri Address { get; }

    public static async Task<MenuInstance> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        var log = new LogLines();
        builder.Logging.ClearProviders().AddProvider(log);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        var setup = MenuCallSetup.TryLoad(builder.Configuration, builder.Environment.ContentRootPath, out var errors)
            ?? throw new InvalidOperationException("test menus do not load: " + string.Join(Environment.NewLine, errors));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMenuProduction(builder.Configuration, setup, builder.Environment.ContentRootPath);
        var app = builder.Build();
        app.MapMenusAdmin();
        await app.StartAsync();
        return new MenuInstance(app, settings["Menus:Path"]!, setup, log);
    }

    /// <summary>An HTTP client presenting <paramref name="key"/> (none when null).</summary>
    public HttpClient Client(string? key)
    {
        var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(15) };
        if (key is not null) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    /// <summary>Completes with the next set this instance switches new calls to.</summary>
    public Task<MenuSet> NextSwitch() => Next<MenuSet>(h => Store.Changed += h, h => Store.Changed -= h);

    /// <summary>Completes with the next set this instance refuses.</summary>
    public Task<MenuRejection> NextRejection() => Next<MenuRejection>(h => Deployment.Rejected += h, h => Deployment.Rejected -= h);

    static Task<T> Next<T>(Action<Action<T>> subscribe, Action<Action<T>> unsubscribe)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(T value)
        {
            unsubscribe(Handler);
            done.TrySetResult(value);
        }
        subscribe(Handler);
        return done.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>Writes a file the way editors do: a temporary file renamed over the old one.</summary>
    public void Edit(string file, Func<string, string> change)
    {
        var path = Path.Combine(Folder, file);
        var text = change(File.ReadAllText(path));
        var temporary = path + ".swp~";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
