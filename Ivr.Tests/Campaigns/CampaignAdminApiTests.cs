using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ivr.Service.Campaigns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Ivr.Tests.Campaigns;

/// <summary>The service host with campaigns on: admin API, authentication, Hangfire on PostgreSQL, the CLI.</summary>
public sealed class CampaignAdminApiTests(CampaignEngineFixture f) : IClassFixture<CampaignEngineFixture>, IAsyncLifetime
{
    const string Key = "test-admin-key";
    WebApplication app = null!;
    HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(f.Configuration(TimeSpan.FromSeconds(30)));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Admin:ApiKeys:0"] = Key,
            ["Campaigns:QueuePollSeconds"] = "0.2",
            ["Campaigns:Workers"] = "2",
        });
        builder.AddCampaigns();
        app = builder.Build();
        app.MapCampaigns();
        await app.StartAsync();
        http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Admin_endpoints_and_the_dashboard_refuse_a_missing_or_wrong_key(string? key)
    {
        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };
        if (key != null) anonymous.DefaultRequestHeaders.Add("X-Api-Key", key);
        var api = await anonymous.GetAsync("admin/campaigns");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.StartsWith("Basic", api.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("admin/hangfire")).StatusCode);
    }

    [Fact]
    public async Task The_Hangfire_dashboard_opens_with_the_admin_key_as_basic_auth_password()
    {
        using var browser = new HttpClient { BaseAddress = http.BaseAddress };
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + Key)));
        var page = await browser.GetAsync("admin/hangfire");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("12366 campaigns", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_invalid_campaign_is_answered_400_with_every_field_at_fault()
    {
        var response = await http.PostAsJsonAsync("admin/campaigns", new { name = "x", templateCode = "", windows = "9-12", smsPerSecond = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["smsPerSecond", "templateCode", "windows"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task A_campaign_created_and_started_through_the_API_is_sent_by_Hangfire_and_shown_by_the_CLI()
    {
        await using var e = f.Engine(DateTimeOffset.UtcNow);
        var phones = await e.AddTaxpayersAsync("api", 5, 11000);
        var created = await http.PostAsJsonAsync("admin/campaigns", new
        {
            name = "API 申报提醒", templateCode = "SMS_123", windows = "always", chunkSize = 2,
            audienceSql = "select taxpayer_id, phone from taxpayers where tax_office = 'api'",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync($"admin/campaigns/{id}/pacing", new { smsPerSecond = 50 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"admin/campaigns/{id}/schedule", null)).StatusCode);

        var deadline = Stopwatch.StartNew();
        JsonElement progress;
        do
        {
            await Task.Delay(200);
            progress = await http.GetFromJsonAsync<JsonElement>($"admin/campaigns/{id}");
        } while (progress.GetProperty("campaign").GetProperty("state").GetString() != CampaignStates.Finished && deadline.Elapsed < TimeSpan.FromSeconds(60));

        Assert.Equal(CampaignStates.Finished, progress.GetProperty("campaign").GetProperty("state").GetString());
        Assert.Equal(50, progress.GetProperty("campaign").GetProperty("smsPerSecond").GetDouble());
        Assert.Equal(5, progress.GetProperty("targetsByState").GetProperty("sent").GetInt64());
        Assert.Equal(5, f.Sms.Sent.Values.Count(v => phones.Contains(v.Phone)));

        var conflict = await http.PostAsync($"admin/campaigns/{id}/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("is finished", await conflict.Content.ReadAsStringAsync());

        var (code, output) = await IvrCliAsync("campaigns", "show", id.ToString(), "--url", http.BaseAddress!.ToString(), "--key", Key);
        Assert.Equal(0, code);
        Assert.Contains($"campaign {id} 'API 申报提醒': finished", output);
        Assert.Contains("targets sent", output);
        (code, output) = await IvrCliAsync("campaigns", "list", "--url", http.BaseAddress!.ToString(), "--key", "nope");
        Assert.Equal(1, code);
        Assert.Contains("401", output);
    }

    [Fact]
    public async Task Provider_receipts_are_acknowledged_in_each_provider_format_and_kept()
    {
        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };
        var ali = await anonymous.PostAsync("sms/receipts/alibaba", new StringContent(
            """[{"phone_number":"13900000000","success":true,"err_code":"DELIVERED","biz_id":"9^0","out_id":"nobody"}]""", Encoding.UTF8, "application/json"));
        Assert.Equal("""{"code":0,"msg":"成功"}""", await ali.Content.ReadAsStringAsync());
        var tc = await anonymous.PostAsync("sms/receipts/tencent", new StringContent(
            """[{"mobile":"13900000000","report_status":"FAIL","errmsg":"E:ODDL","sid":"x-1"}]""", Encoding.UTF8, "application/json"));
        Assert.Equal("""{"result":0,"errmsg":"OK"}""", await tc.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync("sms/receipts/alibaba", new StringContent("{}"))).StatusCode);
        await using var e = f.Engine(DateTimeOffset.UtcNow);
        Assert.Equal(2L, await e.ScalarAsync<long>("select count(*) from sms_receipts where out_id = 'nobody' or provider_message_id = 'x-1'"));
    }

    static async Task<(int Code, string Output)> IvrCliAsync(params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo("dotnet", [IvrBinary.DllPath, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }
}
