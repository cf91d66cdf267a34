using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ivr.Simulator;
using Ivr.Simulator.Seats;
using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Seats;

/// <summary>Two service instances, each on its own Asterisk, sharing one seat board in Redis under a burst of callers.</summary>
public sealed class TwoInstanceTests(RedisServer redis) : IClassFixture<RedisServer>
{
    const int Seats = 4;
    const int CallersPerInstance = 6;

    [Fact]
    public async Task Burst_of_callers_on_two_instances_double_books_no_seat_and_loses_no_caller()
    {
        var space = redis.Prefix + Guid.NewGuid().ToString("N")[..6] + ":";
        var log = new LogLines();
        await using var a = await SeatRig.StartAsync(space, "A", log: log);
        await using var b = await SeatRig.StartAsync(space, "B", log: log);
        using var stop = new CancellationTokenSource();
        var phones = new List<Task>();
        for (var s = 1; s <= Seats; s++)
        {
            var name = $"300{s}";
            var behavior = new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(100) };
            // The same agent phone is reachable from both Asterisks; the board must hand it to one caller at a time.
            phones.Add(TalkBrieflyAsync(a.Sim.AddSeat(name, behavior), stop.Token));
            phones.Add(TalkBrieflyAsync(b.Sim.AddSeat(name, behavior), stop.Token));
            await a.Board.LoginAsync(name, new Dictionary<string, int> { ["invoicing-software"] = 5 });
        }
        var overlap = WatchSeatChannelsAsync([a.Sim, b.Sim], stop.Token);

        var callers = await Task.WhenAll(Enumerable.Range(0, CallersPerInstance * 2).Select(i => (i % 2 == 0 ? a : b).CallerAsync("4", $"1380000{i:0000}")));
        try { await Task.WhenAll(callers.Select(c => c.WaitForPlaybackAsync("sound:survey-question", TimeSpan.FromSeconds(20)))); }
        catch (TimeoutException e)
        {
            var board = string.Join(", ", (await a.Board.SeatsAsync()).Select(s => $"{s.Id} {s.State} {s.Reason} {s.Call}"));
            Assert.Fail($"{e.Message}{Environment.NewLine}seats: {board}{Environment.NewLine}{log}");
        }

        await stop.CancelAsync();
        var most = await overlap;
        Assert.True(most <= 1, $"a seat had {most} calls at once");
        var seats = await a.Board.SeatsAsync();
        Assert.Equal(CallersPerInstance * 2, seats.Sum(s => s.CallsToday));
        var (waiting, _, today) = await b.Board.QueueAsync("invoicing-software");
        Assert.Equal((0, CallersPerInstance * 2L), (waiting, today["answered"]));
        await Task.WhenAll(phones);
    }

    /// <summary>An agent who answers every call and hangs up shortly after, until the test ends.</summary>
    static async Task TalkBrieflyAsync(VirtualSeat seat, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await seat.WaitForAnswerAsync(TimeSpan.FromSeconds(60)).WaitAsync(ct); }
            catch (OperationCanceledException) { return; }
            await Task.Delay(150, CancellationToken.None);
            await seat.HangUpAsync();
        }
    }

    /// <summary>The most channels any one seat had at the same moment, over every Asterisk, sampled until cancelled.</summary>
    static async Task<int> WatchSeatChannelsAsync(IReadOnlyList<AsteriskSimulator> sims, CancellationToken ct)
    {
        using var http = new HttpClient();
        var most = 0;
        while (!ct.IsCancellationRequested)
        {
            var perSeat = new Dictionary<string, int>();
            foreach (var sim in sims)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.AriUrl, "channels"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{sim.User}:{sim.Password}")));
                using var response = await http.SendAsync(request, CancellationToken.None);
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
                foreach (var ch in json.RootElement.EnumerateArray())
                    if (ch.GetProperty("name").GetString() is { } name && name.StartsWith("PJSIP/", StringComparison.Ordinal))
                    {
                        var seat = name[6..name.LastIndexOf('-')];
                        perSeat[seat] = perSeat.GetValueOrDefault(seat) + 1;
                    }
            }
            most = Math.Max(most, perSeat.Values.DefaultIfEmpty(0).Max());
            try { await Task.Delay(20, ct); }
            catch (OperationCanceledException) { break; }
        }
        return most;
    }
}
