using System.Globalization;
using System.Text.Json;

namespace Ivr.Service.Calls.Records;

/// <summary>
/// <c>ivr calls [--last N]</c> lists the last calls; <c>ivr calls monthly 2026-11</c> prints a month's statistics.
/// Both read the admin API (--url / IVR_ADMIN_URL, --key / IVR_ADMIN_KEY), so they work from any machine.
/// </summary>
public static class CallsCommand
{
    const string Usage = """
        usage: ivr calls [--last N]                 the last N calls (default 20)
               ivr calls monthly YYYY-MM            calls, self-service rate and top actions of a month
        options: --url URL (IVR_ADMIN_URL, default http://127.0.0.1:5000/)  --key KEY (IVR_ADMIN_KEY)
        """;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var (options, positional) = Parse(args);
            var path = positional switch
            {
                [] => $"admin/calls?last={Last(options)}",
                ["monthly", var month] => $"admin/calls/monthly/{MonthOf.Parse(month)}",
                _ => throw new FormatException(Usage),
            };
            var (status, body) = await GetAsync(options, path);
            if (status / 100 != 2)
            {
                error.WriteLine($"ivr calls: {status} {Detail(body)}");
                return 1;
            }
            if (positional.Count == 0) PrintCalls(JsonSerializer.Deserialize<List<CallRecord>>(body, Json) ?? [], output);
            else PrintMonthly(JsonSerializer.Deserialize<MonthlyStatistics>(body, Json)!, output);
            return 0;
        }
        catch (FormatException e)
        {
            error.WriteLine($"ivr calls: {e.Message}");
            return 2;
        }
        catch (HttpRequestException e)
        {
            error.WriteLine($"ivr calls: admin API unreachable: {e.Message} (set --url or IVR_ADMIN_URL)");
            return 1;
        }
    }

    static int Last(Dictionary<string, string> options) =>
        !options.TryGetValue("last", out var text) ? 20
        : int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= CallsApi.MaxLast ? n
        : throw new FormatException($"--last must be a number from 1 to {CallsApi.MaxLast} (is '{text}')");

    /// <summary>One line per call, newest first; phone numbers show only their last four digits.</summary>
    public static void PrintCalls(IReadOnlyList<CallRecord> calls, TextWriter w)
    {
        w.WriteLine($"{"STARTED (CST)",-19} {"SECS",5} {"DIR",-3} {"FROM",-11} {"TO",-11} {"OUTCOME",-11} {"CAUSE",5} PATH | ACTIONS");
        foreach (var c in calls)
        {
            var started = TimeZoneInfo.ConvertTime(c.StartedAt, China).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var path = string.Join(" ", c.Path.Select(p => p.Keys.Length > 0 ? $"{p.Node}[{p.Keys}]" : p.Node));
            var actions = string.Join(" ", c.Actions.Select(a => $"{a.Action}={a.Result ?? "(hung up)"}"));
            w.WriteLine($"{started,-19} {(c.EndedAt - c.StartedAt).TotalSeconds,5:0} {(c.Direction == CallDirections.Inbound ? "in" : "out"),-3} " +
                        $"{MaskNumber(c.CallerNumber),-11} {MaskNumber(c.DialledNumber),-11} {c.Outcome,-11} {c.HangupCause?.ToString(CultureInfo.InvariantCulture) ?? "-",5} " +
                        $"{path} | {(actions.Length > 0 ? actions : "-")}");
        }
        if (calls.Count == 0) w.WriteLine("(no calls recorded)");
    }

    public static void PrintMonthly(MonthlyStatistics s, TextWriter w)
    {
        w.WriteLine($"{s.Month}: {s.Calls} calls, self-service rate {(s.SelfServiceRate * 100).ToString("0.0", CultureInfo.InvariantCulture)}%");
        foreach (var (outcome, n) in s.ByOutcome) w.WriteLine($"  {outcome,-12} {n,8}");
        w.WriteLine("top actions (runs, answered):");
        foreach (var a in s.TopActions) w.WriteLine($"  {a.Action,-18} {a.Calls,8} {a.Answered,8}");
        if (s.TopActions.Count == 0) w.WriteLine("  (none)");
    }

    /// <summary>Hotline numbers (5 digits or fewer) stay readable; a person's number shows its last four digits only.</summary>
    public static string MaskNumber(string number) => number.Length <= 5 ? number : new string('*', number.Length - 4) + number[^4..];

    static async Task<(int Status, string Body)> GetAsync(Dictionary<string, string> options, string path)
    {
        var baseUrl = options.GetValueOrDefault("url") ?? Environment.GetEnvironmentVariable("IVR_ADMIN_URL") ?? "http://127.0.0.1:5000/";
        var key = options.GetValueOrDefault("key") ?? Environment.GetEnvironmentVariable("IVR_ADMIN_KEY")
            ?? throw new FormatException("no admin key: pass --key or set IVR_ADMIN_KEY");
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var response = await http.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    static string Detail(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    static (Dictionary<string, string>, List<string>) Parse(string[] args)
    {
        var options = new Dictionary<string, string>();
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) positional.Add(args[i]);
            else if (i + 1 < args.Length) options[args[i][2..]] = args[++i];
            else throw new FormatException($"option {args[i]} needs a value\n{Usage}");
        }
        return (options, positional);
    }
}
