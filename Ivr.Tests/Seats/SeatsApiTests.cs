using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Service.Seats.Admin;
using Ivr.Service.Seats.Config;
using Ivr.Service.Seats.Store;
using Ivr.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ivr.Tests.Seats;

/// <summary>The seat admin and supervisor endpoints over HTTP, on a board in the real Redis.</summary>
public sealed class SeatsApiTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Supervisor_api_logs_seats_in_pauses_them_and_reports_the_queue_live()
    {
        var board = new SeatBoard(redis.Connection, redis.Prefix + Guid.NewGuid().ToString("N")[..6] + ":", TimeProvider.System);
        var config = QueueConfigLoader.Parse("t.yaml", "queues:\n  general: {join-empty: true}\n", new HashSet<string>(), null, out _);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(board).AddSingleton(config);
        await using var app = builder.Build();
        app.MapGroup("/admin").MapSeatsReadApi().MapSeatsApi();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var login = await http.PostAsJsonAsync("/admin/seats/2001/login", new { skills = new { vat = 5 } });
        Assert.Equal("available", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/admin/seats/2001/pause", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/admin/seats/nobody/pause", new { reason = "lunch" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/admin/seats/2002/login", new { skills = new { vat = 500 } })).StatusCode);
        var paused = await http.PostAsJsonAsync("/admin/seats/2001/pause", new { reason = "lunch" });
        Assert.Equal("paused", (await paused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await board.EnqueueAsync(config.Queues["general"], "one/c1", "one", null, 0);
        // The longest wait is reported to a tenth of a second: 50 ms of waiting could round down to 0.
        await Task.Delay(200);

        var stats = await http.GetFromJsonAsync<JsonElement>("/admin/queues/stats");

        var general = stats.GetProperty("queues")[0];
        Assert.Equal(("general", 1, 1), (general.GetProperty("queue").GetString(), general.GetProperty("waiting").GetInt32(), general.GetProperty("entered").GetInt32()));
        Assert.True(general.GetProperty("longestWaitSeconds").GetDouble() > 0);
        Assert.Equal(1, stats.GetProperty("seatsByState").GetProperty("paused").GetInt32());
        var seats = await http.GetFromJsonAsync<JsonElement>("/admin/seats");
        Assert.Equal("lunch", seats[0].GetProperty("reason").GetString());
        Assert.Equal(5, seats[0].GetProperty("skills").GetProperty("vat").GetInt32());
        Assert.Equal("available", (await (await http.PostAsync("/admin/seats/2001/unpause", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/admin/seats/2001/logout", null)).StatusCode);
        await app.StopAsync();
    }
}
