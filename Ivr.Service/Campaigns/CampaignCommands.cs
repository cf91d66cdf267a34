using System.Net.Http.Headers;
using System.Text.Json;
using Ivr.Service.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ivr.Service.Campaigns;

/// <summary>
/// <c>ivr campaigns list|show|schedule|pause|resume|cancel|pacing</c> call the admin API (--url / IVR_ADMIN_URL,
/// --key / IVR_ADMIN_KEY); <c>ivr campaigns dispatch-worker --run ID</c> dispatches a run in the foreground
/// without Hangfire (operators draining a run; the crash tests).
/// </summary>
public static class CampaignCommands
{
    const string Usage = """
        usage: ivr campaigns list                       [--url URL] [--key KEY]
               ivr campaigns show|schedule|pause|resume|cancel ID
               ivr campaigns pacing ID SMS_PER_SECOND
               ivr campaigns migrate                    (Campaigns:Postgres / IVR_POSTGRES)
               ivr campaigns dispatch-worker --run RUN_ID
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args, out var positional);
        if (positional.Count == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        try
        {
            return positional[0] switch
            {
                "dispatch-worker" => await DispatchWorkerAsync(options),
                "migrate" => await MigrateAsync(),
                _ => await CallApiAsync(positional, options),
            };
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"ivr campaigns: admin API unreachable: {e.Message} (set --url or IVR_ADMIN_URL)");
            return 1;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"ivr campaigns: {e.Message}");
            return 1;
        }
    }

    static async Task<int> CallApiAsync(List<string> positional, Dictionary<string, string> options)
    {
        var verb = positional[0];
        long Id() => positional.Count > 1 && long.TryParse(positional[1], out var id) ? id
            : throw new FormatException($"'{verb}' needs a campaign id: ivr campaigns {verb} ID");
        var (method, path, body) = verb switch
        {
            "list" => (HttpMethod.Get, "admin/campaigns", null),
            "show" => (HttpMethod.Get, $"admin/campaigns/{Id()}", null),
            "schedule" or "pause" or "resume" or "cancel" => (HttpMethod.Post, $"admin/campaigns/{Id()}/{verb}", null),
            "pacing" => (HttpMethod.Put, $"admin/campaigns/{Id()}/pacing",
                positional.Count > 2 && double.TryParse(positional[2], System.Globalization.CultureInfo.InvariantCulture, out var rate)
                    ? JsonSerializer.Serialize(new { smsPerSecond = rate })
                    : throw new FormatException("pacing needs a rate: ivr campaigns pacing ID SMS_PER_SECOND")),
            _ => throw new FormatException($"unknown verb '{verb}'\n{Usage}"),
        };
        var baseUrl = options.GetValueOrDefault("url") ?? Environment.GetEnvironmentVariable("IVR_ADMIN_URL") ?? "http://127.0.0.1:5000/";
        var key = options.GetValueOrDefault("key") ?? Environment.GetEnvironmentVariable("IVR_ADMIN_KEY")
            ?? throw new FormatException("no admin key: pass --key or set IVR_ADMIN_KEY");
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/") };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", key);
        if (body != null) request.Content = new StringContent(body, MediaTypeHeaderValue.Parse("application/json"));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"ivr campaigns {verb}: {(int)response.StatusCode} {ProblemDetail(text)}");
            return 1;
        }
        using var doc = JsonDocument.Parse(text);
        if (verb == "list") PrintList(doc.RootElement, Console.Out);
        else PrintProgress(doc.RootElement, Console.Out);
        return 0;
    }

    /// <summary>One line per campaign: id, state, name, rate, next run.</summary>
    public static void PrintList(JsonElement campaigns, TextWriter w)
    {
        w.WriteLine($"{"ID",-6} {"STATE",-10} {"SMS/S",6}  {"NEXT RUN",-25} NAME");
        foreach (var c in campaigns.EnumerateArray())
            w.WriteLine($"{c.GetProperty("id").GetInt64(),-6} {c.GetProperty("state").GetString(),-10} {c.GetProperty("smsPerSecond").GetDouble(),6:0.##}  " +
                        $"{(c.GetProperty("nextRunAt").ValueKind == JsonValueKind.Null ? "-" : c.GetProperty("nextRunAt").GetString()),-25} {c.GetProperty("name").GetString()}");
    }

    /// <summary>A campaign's settings and the target/attempt counts of its latest run.</summary>
    public static void PrintProgress(JsonElement p, TextWriter w)
    {
        var c = p.GetProperty("campaign");
        w.WriteLine($"campaign {c.GetProperty("id").GetInt64()} '{c.GetProperty("name").GetString()}': {c.GetProperty("state").GetString()}, " +
                    $"{c.GetProperty("smsPerSecond").GetDouble():0.##} SMS/s, windows {c.GetProperty("windows").GetString()} {c.GetProperty("timeZone").GetString()}");
        if (p.GetProperty("runId").ValueKind == JsonValueKind.Null)
        {
            w.WriteLine("no run yet");
            return;
        }
        w.WriteLine($"run {p.GetProperty("runId").GetInt64()}: {p.GetProperty("targets").GetInt32()} targets");
        foreach (var s in p.GetProperty("targetsByState").EnumerateObject()) w.WriteLine($"  targets {s.Name,-10} {s.Value.GetInt64(),8}");
        foreach (var s in p.GetProperty("attemptsByState").EnumerateObject()) w.WriteLine($"  attempts {s.Name,-9} {s.Value.GetInt64(),8}");
        if (p.TryGetProperty("attemptsByChannel", out var channels))
            foreach (var channel in channels.EnumerateObject())
                foreach (var s in channel.Value.EnumerateObject()) w.WriteLine($"  {channel.Name,-11} {s.Name,-21} {s.Value.GetInt64(),8}");
    }

    static string ProblemDetail(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.TryGetProperty("errors", out var errors)) return errors.GetRawText();
            return doc.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? text : text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    static async Task<int> MigrateAsync()
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables().AddJsonFile("appsettings.json", optional: true).Build();
        var postgres = CampaignServices.PostgresOf(config) ?? throw new InvalidOperationException("set Campaigns__Postgres or IVR_POSTGRES");
        foreach (var name in await MigrationRunner.MigrateAsync(postgres)) Console.WriteLine($"applied {name}");
        return 0;
    }

    static async Task<int> DispatchWorkerAsync(Dictionary<string, string> options)
    {
        if (!options.TryGetValue("run", out var runText) || !long.TryParse(runText, out var runId))
            throw new FormatException("dispatch-worker needs --run RUN_ID");
        var builder = Host.CreateApplicationBuilder();
        var postgres = CampaignServices.PostgresOf(builder.Configuration) ?? throw new InvalidOperationException("set Campaigns__Postgres or IVR_POSTGRES");
        var redis = CampaignServices.RedisOf(builder.Configuration) ?? throw new InvalidOperationException("set Campaigns__Redis or IVR_REDIS");
        builder.Services.AddCampaignEngine(builder.Configuration, postgres, redis);
        builder.Services.TryAddSingleton<InProcessCampaignJobs>();
        builder.Services.TryAddSingleton<ICampaignJobs>(sp => sp.GetRequiredService<InProcessCampaignJobs>());
        await MigrationRunner.MigrateAsync(postgres);
        using var host = builder.Build();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var done = await new CampaignWorker(host.Services).DrainRunAsync(runId, stop.Token);
        Console.WriteLine(done ? $"run {runId} finished" : $"run {runId} has work later; Hangfire or another worker will continue it");
        return 0;
    }

    static Dictionary<string, string> Options(string[] args, out List<string> positional)
    {
        var options = new Dictionary<string, string>();
        positional = [];
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--") && i + 1 < args.Length) options[args[i][2..]] = args[++i];
            else positional.Add(args[i]);
        }
        return options;
    }
}
