using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Service.Admin;
using Ivr.Service.Seats;
using Ivr.Service.Seats.Config;
using Ivr.Service.Seats.Store;
using Ivr.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ivr.Tests.Seats;

/// <summary>The live supervisor page and its data behind the admin keys, as the service maps them.</summary>
public sealed class SupervisorPageTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Live_page_and_its_statistics_are_served_to_a_viewer_key_and_refused_without_a_key()
    {
        var board = new SeatBoard(redis.Connection, redis.Prefix + Guid.NewGuid().ToString("N")[..6] + ":", TimeProvider.System);
        var config = QueueConfigLoader.Parse("t.yaml", "queues:\n  general: {join-empty: true}\n", new HashSet<string>(), null, out _);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Admin:Keys:0:Name"] = "wall screen", ["Admin:Keys:0:Key"] = "viewer-key-0123456789", ["Admin:Keys:0:Role"] = AdminRoles.Viewer,
        });
        builder.Services.AddAdminAuthentication(builder.Configuration).AddSingleton(board).AddSingleton(config);
        await using var app = builder.Build();
        app.MapSeats();
        await app.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var viewer = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        viewer.DefaultRequestHeaders.Add("X-Api-Key", "viewer-key-0123456789");
        await board.LoginAsync("2001", new Dictionary<string, int> { ["vat"] = 5 });
        await board.EnqueueAsync(config.Queues["general"], "one/c1", "one", null, 0);

        var page = await viewer.GetAsync("/admin/seats/live");
        var stats = await viewer.GetFromJsonAsync<JsonElement>("/admin/queues/stats");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("../queues/stats", html);
        Assert.Contains("setInterval(refresh", html);
        var general = stats.GetProperty("queues")[0];
        Assert.Equal(("general", 1), (general.GetProperty("queue").GetString(), general.GetProperty("waiting").GetInt32()));
        Assert.Equal(1, stats.GetProperty("seatsByState").GetProperty("available").GetInt32());
        Assert.Equal("2001", stats.GetProperty("seats")[0].GetProperty("seat").GetString());
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/admin/seats")).StatusCode);
        foreach (var path in new[] { "/admin/seats/live", "/admin/queues/stats", "/admin/seats" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/admin/seats/2001/pause", new { reason = "lunch" })).StatusCode);
        await app.StopAsync();
    }
}
