using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Service.Admin;
using Ivr.Service.Calls.Records;
using Ivr.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ivr.Tests.Calls.Records;

/// <summary>/admin/calls and `ivr calls` against the service host with records in a fresh real PostgreSQL database.</summary>
public sealed class CallsApiTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    const string Key = "calls-admin-key";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    WebApplication _app = null!;
    HttpClient _http = null!;
    string _url = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Admin:ApiKeys:0"] = Key, ["CallRecords:Postgres"] = db.ConnectionString,
        });
        builder.Services.AddAdminAuthentication(builder.Configuration);
        builder.Services.AddCallRecords(builder.Configuration);
        _app = builder.Build();
        _app.MapCallRecords();
        await _app.StartAsync();
        _url = _app.Urls.First();
        _http = new HttpClient { BaseAddress = new Uri(_url) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await _app.Services.GetRequiredService<CallRecordWriter>().FlushAsync(CancellationToken.None);
        await WaitForSchemaAsync();
    }

    async Task WaitForSchemaAsync()
    {
        // The start-up migration runs in the background so that a database outage never blocks calls.
        var store = _app.Services.GetRequiredService<CallRecordStore>();
        for (var i = 0; ; i++)
            try
            {
                await store.LastAsync(1, CancellationToken.None);
                return;
            }
            catch (Npgsql.PostgresException) when (i < 100)
            {
                await Task.Delay(50);
            }
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    static CallRecord Call(string started, string outcome, params (string Action, string? Result)[] actions)
    {
        var at = DateTimeOffset.Parse(started, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();
        return new CallRecord
        {
            Id = Guid.CreateVersion7(at), ChannelId = "ch-" + Guid.NewGuid().ToString("N")[..6], Direction = CallDirections.Inbound,
            CallerNumber = "13912345678", DialledNumber = "12366", Entry = "12366", StartedAt = at, AnsweredAt = at,
            EndedAt = at.AddSeconds(42), Language = "zh-CN", MenuRevision = "r1",
            Path = [new PathStep(0, "welcome"), new PathStep(300, "main", "2"), new PathStep(900, "filing-menu", "1")],
            Actions = [.. actions.Select(a => new ActionStep(1000, a.Action, a.Result))], Outcome = outcome, HangupCause = 16,
        };
    }

    Task Store(params CallRecord[] calls) => _app.Services.GetRequiredService<CallRecordStore>().InsertAsync(calls, CancellationToken.None);

    [Fact]
    public async Task Last_calls_come_newest_first_and_the_cli_prints_them_with_numbers_masked()
    {
        await Store(Call("2040-01-05T10:00:00+08:00", CallOutcomes.SelfServed, ("filing.deadline", "ok")),
            Call("2040-01-05T11:00:00+08:00", CallOutcomes.Abandoned, ("filing.status", null)));

        var calls = await _http.GetFromJsonAsync<List<CallRecord>>("admin/calls?last=2", Json);
        Assert.Equal([CallOutcomes.Abandoned, CallOutcomes.SelfServed], calls!.Select(c => c.Outcome));

        var (code, output, error) = await CliAsync("--last", "2");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("2040-01-05 11:00:00", lines[1]);
        Assert.Contains("abandoned", lines[1]);
        Assert.Contains("filing.status=(hung up)", lines[1]);
        Assert.Contains("main[2] filing-menu[1]", lines[2]);
        Assert.Contains("*******5678", lines[2]);
        Assert.DoesNotContain("13912345678", output);
    }

    [Fact]
    public async Task Monthly_statistics_count_the_months_calls_in_china_time_with_self_service_rate_and_top_actions()
    {
        await Store(
            Call("2031-03-01T00:30:00+08:00", CallOutcomes.SelfServed, ("invoice.verify", "match")),
            Call("2031-03-10T09:00:00+08:00", CallOutcomes.SelfServed, ("invoice.verify", "not_found"), ("filing.deadline", "ok")),
            Call("2031-03-20T09:00:00+08:00", CallOutcomes.Queued),
            Call("2031-03-31T23:59:00+08:00", CallOutcomes.Error, ("invoice.verify", "error")),
            // Outside March in China, though 1 March and 31 March in UTC respectively.
            Call("2031-02-28T23:59:00+08:00", CallOutcomes.SelfServed, ("filing.deadline", "ok")),
            Call("2031-04-01T00:10:00+08:00", CallOutcomes.Abandoned));

        var stats = await _http.GetFromJsonAsync<MonthlyStatistics>("admin/calls/monthly/2031-03", Json);

        Assert.Equal(4, stats!.Calls);
        Assert.Equal(0.5, stats.SelfServiceRate);
        Assert.Equal(1, stats.ByOutcome[CallOutcomes.Queued]);
        Assert.Equal(0, stats.ByOutcome[CallOutcomes.Abandoned]);
        Assert.Equal([("invoice.verify", 3L, 2L), ("filing.deadline", 1L, 1L)], stats.TopActions.Select(a => (a.Action, a.Calls, a.Answered)));

        var (code, output, _) = await CliAsync("monthly", "2031-03");
        Assert.Equal(0, code);
        Assert.StartsWith("2031-03: 4 calls, self-service rate 50.0%", output);
        Assert.Contains("invoice.verify", output);
    }

    [Theory]
    [InlineData("admin/calls?last=0", HttpStatusCode.BadRequest, "last must be from 1 to 1000")]
    [InlineData("admin/calls/monthly/2031-13", HttpStatusCode.BadRequest, "YYYY-MM")]
    [InlineData("admin/calls/0190c3a0-0000-7000-8000-000000000000", HttpStatusCode.NotFound, "has no record")]
    public async Task Bad_requests_are_answered_with_what_is_wrong(string path, HttpStatusCode status, string message)
    {
        var response = await _http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Calls_api_refuses_a_request_without_the_admin_key()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("admin/calls")).StatusCode);
        var (code, _, error) = await CliAsync("--last", "1", "--key", "wrong");
        Assert.Equal(1, code);
        Assert.Contains("401", error);
    }

    [Fact]
    public async Task Cli_refuses_a_bad_count_or_month_naming_the_argument()
    {
        var (code, _, error) = await CliAsync("--last", "many");
        Assert.Equal(2, code);
        Assert.Contains("--last must be a number", error);

        (code, _, error) = await CliAsync("monthly", "November");
        Assert.Equal(2, code);
        Assert.Contains("'November' is not of the form YYYY-MM", error);
    }

    async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var withDefaults = args.Contains("--key") ? args : [.. args, "--key", Key];
        var code = await CallsCommand.RunAsync([.. withDefaults, "--url", _url], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
