using Ivr.Ari.Errors;
using Ivr.Ari;
using Ivr.Service.Calls;
using Ivr.Service.Speech;

namespace Ivr.Service.Phone;

/// <summary>`ivr phone [--number 12366] [--caller 13800000000] [--context ivr-entry] [--catalog prompts/catalog.yaml]`.</summary>
public static class PhoneCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        AriSettings settings;
        try { settings = AriSettings.From(config); }
        catch (InvalidOperationException ex) { Console.Error.WriteLine($"ivr phone: {ex.Message}"); return 2; }

        var catalogPath = Option("--catalog", "prompts/catalog.yaml");
        PromptCatalog? catalog = null;
        try { catalog = File.Exists(catalogPath) ? PromptCatalog.Load(catalogPath) : null; }
        catch (PromptCatalogException ex) { Console.Error.WriteLine(string.Join(Environment.NewLine, ex.Errors)); }

        // The phone is an ARI application of its own, so it never takes events meant for the service.
        using var ari = new AriClient(new AriClientOptions
        {
            BaseUrl = settings.Url, User = settings.User, Password = settings.Password, Application = Option("--app", "phone"),
        });
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        try
        {
            return await new PhoneSession(ari, catalog, Console.Out).RunAsync(Option("--number", "12366"),
                Option("--caller", "13800000000"), Option("--context", "ivr-entry"), Console.In, cts.Token);
        }
        catch (OperationCanceledException) { return 130; }
        catch (Exception ex) when (ex is AriException or HttpRequestException or TimeoutException)
        {
            Console.Error.WriteLine($"ivr phone: cannot place the call through {settings.Url}: {ex.Message}");
            return 1;
        }
    }
}
