using StackExchange.Redis;

namespace Ivr.Service.Campaigns;

/// <summary>
/// A token bucket per campaign in Redis, shared by every service instance, so the campaign's rate holds however
/// many dispatchers run. Time is Redis's own clock (TIME) so instances with skewed clocks still agree. A provider's
/// throttling answer closes the bucket for all instances for a growing back-off.
/// </summary>
public sealed class RedisPacer(IConnectionMultiplexer redis, string keyPrefix = "ivr:")
{
    // KEYS: bucket, blocked-until, backoff-count. ARGV: rate per second, capacity. Returns ms to wait (0 = token taken).
    const string TakeScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
        if blocked > now then return blocked - now end
        local rate = tonumber(ARGV[1])
        local cap = tonumber(ARGV[2])
        local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
        local tokens = tonumber(b[1]) or cap
        local ts = tonumber(b[2]) or now
        tokens = math.min(cap, tokens + math.max(0, now - ts) * rate / 1000)
        local wait = 0
        if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', now)
        redis.call('PEXPIRE', KEYS[1], 600000)
        return wait
        """;

    // KEYS: blocked-until, backoff-count. ARGV: base ms, max ms. Doubles the pause on each throttle within a minute.
    const string ThrottleScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local n = redis.call('INCR', KEYS[2])
        redis.call('PEXPIRE', KEYS[2], 60000)
        local pause = math.min(tonumber(ARGV[2]), tonumber(ARGV[1]) * 2 ^ (n - 1))
        local untilMs = math.floor(now + pause)
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        if untilMs > current then redis.call('SET', KEYS[1], untilMs, 'PX', math.ceil(pause)) end
        return math.ceil(pause)
        """;

    /// <summary>Takes one token at <paramref name="perSecond"/>; returns how long to wait before asking again (zero = go).</summary>
    public async Task<TimeSpan> TryTakeAsync(long campaignId, double perSecond, string channel = "")
    {
        var capacity = Math.Max(1, perSecond);
        var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(TakeScript,
            [Key(campaignId, channel + "bucket"), Key(campaignId, channel + "blocked"), Key(campaignId, channel + "backoff")], [perSecond, capacity]);
        return TimeSpan.FromMilliseconds(wait);
    }

    /// <summary>
    /// Waits for a token; pacing is about real time towards the provider, so this waits on the wall clock. A campaign
    /// with two channels (sms_then_voice) paces its calls in their own <paramref name="channel"/> bucket.
    /// </summary>
    public async Task TakeAsync(long campaignId, double perSecond, CancellationToken ct, string channel = "")
    {
        for (var wait = await TryTakeAsync(campaignId, perSecond, channel); wait > TimeSpan.Zero; wait = await TryTakeAsync(campaignId, perSecond, channel))
            await Task.Delay(wait, ct);
    }

    /// <summary>Records a throttling answer: every instance pauses this campaign, longer each time within a minute.</summary>
    public async Task<TimeSpan> ThrottledAsync(long campaignId)
    {
        var pause = (long)await redis.GetDatabase().ScriptEvaluateAsync(ThrottleScript,
            [Key(campaignId, "blocked"), Key(campaignId, "backoff")], [500, 30000]);
        return TimeSpan.FromMilliseconds(pause);
    }

    RedisKey Key(long campaignId, string what) => $"{keyPrefix}campaign:{{{campaignId}}}:{what}";
}
