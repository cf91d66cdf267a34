using System.Diagnostics;
using Ivr.Service.Campaigns;
using Ivr.Tests.Infrastructure;
using StackExchange.Redis;

namespace Ivr.Tests.Campaigns;

/// <summary>Pacing shared through the real Redis by several service instances (each with its own connection).</summary>
public sealed class RedisPacerTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Two_instances_together_never_exceed_the_campaign_rate()
    {
        await using var second = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);
        var a = new RedisPacer(redis.Connection, redis.Prefix);
        var b = new RedisPacer(second, redis.Prefix);
        var clock = Stopwatch.StartNew();
        // 20/s with a bucket of 20: 60 tokens need at least (60 - 20) / 20 = 2 s whoever takes them.
        await Task.WhenAll(Take(a, 30), Take(b, 30));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"60 tokens at 20/s took only {clock.Elapsed}");

        static async Task Take(RedisPacer pacer, int n)
        {
            for (var i = 0; i < n; i++) await pacer.TakeAsync(1, 20, default);
        }
    }

    [Fact]
    public async Task A_throttling_answer_pauses_every_instance_and_refusals_of_a_campaign_not_sending_double_the_pause()
    {
        await using var second = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);
        var a = new RedisPacer(redis.Connection, redis.Prefix);
        var b = new RedisPacer(second, redis.Prefix);
        Assert.Equal(TimeSpan.FromMilliseconds(500), await a.ThrottledAsync(2));
        var wait = await b.TryTakeAsync(2, 1000);
        Assert.InRange(wait.TotalMilliseconds, 1, 500);
        // Another instance's request that was in flight when the pause began: the same refusal, not a longer pause.
        Assert.InRange((await b.ThrottledAsync(2)).TotalMilliseconds, 1, 500);
        await Task.Delay(wait + TimeSpan.FromMilliseconds(50));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), await b.ThrottledAsync(2));
        Assert.Equal(TimeSpan.Zero, await a.TryTakeAsync(3, 1000)); // other campaigns are not held back
    }

    [Fact]
    public async Task After_a_throttling_answer_the_campaign_sends_at_half_its_rate()
    {
        var pacer = new RedisPacer(redis.Connection, redis.Prefix);
        // A burst of requests pipelined into Redis gets what the bucket holds: a second's worth at the current rate.
        async Task<int> BurstAsync() =>
            (await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => pacer.TryTakeAsync(4, 100)))).Count(w => w == TimeSpan.Zero);
        Assert.InRange(await BurstAsync(), 100, 150); // above 100: tokens refilled while the burst ran

        var pause = await pacer.ThrottledAsync(4);
        await Task.Delay(pause + TimeSpan.FromSeconds(1));

        // 50/s and a bucket of 50, grown back by 10% a second for the time waited.
        Assert.InRange(await BurstAsync(), 45, 90);
    }
}
