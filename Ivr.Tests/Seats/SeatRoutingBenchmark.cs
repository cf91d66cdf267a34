using System.Collections.Concurrent;
using System.Diagnostics;
using Ivr.Service.Seats.Config;
using Ivr.Service.Seats.Store;
using Ivr.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Ivr.Tests.Seats;

/// <summary>
/// docs/benchmarks.md: 2,000 callers queued for 200 seats by two instances (two Redis connections, each with its own
/// offer inbox), measured on the board: routing decisions per second, and the time from a seat turning available to
/// its next caller's offer reaching the owning instance (release → match → offer published and received).
/// </summary>
public sealed class SeatRoutingBenchmark(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>
{
    const int Callers = 2000;
    const int SeatCount = 200;
    const int Turnovers = 600;
    static readonly QueueSettings Queue = new() { Name = "general", WrapUp = TimeSpan.Zero, MaxLength = Callers };

    [Fact]
    public async Task Two_instances_route_2000_callers_to_200_seats_fast_enough_for_a_hotline()
    {
        var space = redis.Prefix + "bench" + Guid.NewGuid().ToString("N")[..6] + ":";
        await using var second = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);
        var boards = new[] { new SeatBoard(redis.Connection, space, TimeProvider.System), new SeatBoard(second, space, TimeProvider.System) };
        var connections = new IConnectionMultiplexer[] { redis.Connection, second };
        var received = new ConcurrentDictionary<string, long>();
        for (var i = 0; i < 2; i++)
        {
            var instance = i == 0 ? "A" : "B";
            await connections[i].GetSubscriber().SubscribeAsync(boards[i].InboxChannel(instance), (_, m) => received.TryAdd(m.ToString(), Stopwatch.GetTimestamp()));
        }
        for (var s = 0; s < SeatCount; s++) await boards[s % 2].LoginAsync($"s{s}", new Dictionary<string, int> { ["vat"] = 1 + s % 3 });
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            for (var c = i; c < Callers; c += 2) await boards[i].EnqueueAsync(Queue, $"{(i == 0 ? "A" : "B")}/c{c}", i == 0 ? "A" : "B", "vat", 0);
        }));

        // Burst: every seat free at once, both instances deciding in parallel.
        var burst = Stopwatch.StartNew();
        var offers = new ConcurrentBag<SeatOffer>();
        await Task.WhenAll(boards.Select(async b =>
        {
            while (offers.Count < SeatCount)
            {
                var made = await b.MatchAsync(Queue, max: 20);
                foreach (var o in made) offers.Add(o);
                if (made.Count == 0) break;
            }
        }));
        burst.Stop();
        Assert.Equal(SeatCount, offers.Select(o => o.Seat).Distinct().Count());

        // Turnover: seats answer, finish and turn available; the instance that freed a seat matches at once, and the
        // offer must reach the caller's instance. Latency = seat available (release returns) → offer received.
        var pending = new ConcurrentQueue<SeatOffer>(offers);
        var latencies = new ConcurrentBag<double>();
        var turnover = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            var board = boards[worker % 2];
            while (latencies.Count < Turnovers && pending.TryDequeue(out var offer))
            {
                await board.AnsweredAsync(offer.Seat, offer.Call);
                await board.ReleaseAsync(offer.Seat, offer.Call, SeatRelease.Ended, Queue);
                var available = Stopwatch.GetTimestamp();
                foreach (var next in await board.MatchAsync(Queue, max: 1))
                {
                    var key = $"{next.Call}|{next.Seat}|{next.Queue}";
                    while (!received.TryGetValue(key, out _)) await Task.Yield();
                    latencies.Add(Stopwatch.GetElapsedTime(available, received[key]).TotalMilliseconds);
                    pending.Enqueue(next);
                }
            }
        }));
        turnover.Stop();

        var sorted = latencies.Order().ToArray();
        double P(double q) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
        var decisions = SeatCount / burst.Elapsed.TotalSeconds;
        var perSecond = sorted.Length / turnover.Elapsed.TotalSeconds;
        output.WriteLine($"burst: {SeatCount} decisions for {Callers} waiting callers in {burst.Elapsed.TotalMilliseconds:0} ms = {decisions:0} decisions/s");
        output.WriteLine($"turnover: {sorted.Length} seat releases re-offered in {turnover.Elapsed.TotalMilliseconds:0} ms = {perSecond:0}/s; " +
            $"available → offer received p50 {P(0.5):0.00} ms, p99 {P(0.99):0.00} ms, max {sorted[^1]:0.00} ms");
        Assert.True(sorted.Length >= Turnovers, $"only {sorted.Length} turnovers");
        Assert.True(P(0.99) < 250, $"p99 {P(0.99)} ms");
    }
}
