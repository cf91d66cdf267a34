using StackExchange.Redis;

namespace Ivr.Service.Campaigns;

/// <summary>
/// A token bucket per campaign in Redis, shared by every service instance, so the campaign's rate holds however
/// many dispatchers run. Time is Redis's own clock (TIME) so instances with skewed clocks still agree. A provider's
/// throttling answer closes the bucket for all instances for a short pause and halves the bucket's rate, which then
/// grows back: a campaign paced above the provider's quota settles near the quota instead of stopping for long pauses.
/// </summary>
public sealed class RedisPacer(IConnectionMultiplexer redis, string keyPrefix = "ivr:")
{
    // KEYS: bucket, blocked-until, backoff-count. ARGV: rate per second, capacity. Returns ms to wait (0 = token taken).
    // The bucket's own rate starts at the campaign's; a throttling answer halves it, and it grows back 10% a second
    // of sending (at most a second counts per call, so a pause does not restore it at once).
    const string TakeScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
        if blocked > now then return blocked - now end
        local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts', 'rate')
        local ts = tonumber(b[2]) or now
        local elapsed = math.max(0, now - ts)
        local rate = math.min(tonumber(ARGV[1]), (tonumber(b[3]) or tonumber(ARGV[1])) * (1 + 0.1 * math.min(elapsed, 1000) / 1000))
        local cap = math.max(1, math.min(tonumber(ARGV[2]), rate))
        local tokens = math.min(cap, (tonumber(b[1]) or cap) + elapsed * rate / 1000)
        local wait = 0
        if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', now, 'rate', tostring(rate))
        redis.call('PEXPIRE', KEYS[1], 600000)
        return wait
        """;

    // KEYS: blocked-until, backoff-count, bucket. ARGV: base ms, max ms. Returns the pause in ms.
    // Answers to requests already in flight when the pause began are the same refusal: they neither lengthen the
    // pause nor cut the rate again. Above 1/s a refusal halves the rate and pauses briefly; at 1/s or before any
    // send the provider refuses even a trickle (an outage, a spent quota), so each refusal within a minute doubles the pause.
    const string ThrottleScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        if current > now then return current - now end
        local rate = tonumber(redis.call('HGET', KEYS[3], 'rate'))
        local pause = tonumber(ARGV[1])
        if rate and rate > 1 then
            redis.call('HSET', KEYS[3], 'rate', tostring(rate / 2), 'tokens', '0')
        else
            local n = redis.call('INCR', KEYS[2])
            redis.call('PEXPIRE', KEYS[2], 60000)
            pause = math.min(tonumber(ARGV[2]), pause * 2 ^ (n - 1))
        end
        redis.call('SET', KEYS[1], math.floor(now + pause), 'PX', math.ceil(pause))
        return math.ceil(pause)
        """;

    /// <summary>Takes one token at <paramref name="perSecond"/>; returns how long to wait before asking again (zero = go).</summary>
    public async Task<TimeSpan> TryTakeAsync(long campaignId, double perSecond)
    {
        var capacity = Math.Max(1, perSecond);
        var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(TakeScript,
            [Key(campaignId, "bucket"), Key(campaignId, "blocked"), Key(campaignId, "backoff")], [perSecond, capacity]);
        return TimeSpan.FromMilliseconds(wait);
    }

    /// <summary>Waits for a token; pacing is about real time towards the provider, so this waits on the wall clock.</summary>
    public async Task TakeAsync(long campaignId, double perSecond, CancellationToken ct)
    {
        for (var wait = await TryTakeAsync(campaignId, perSecond); wait > TimeSpan.Zero; wait = await TryTakeAsync(campaignId, perSecond))
            await Task.Delay(wait, ct);
    }

    /// <summary>
    /// Records a throttling answer: every instance pauses this campaign briefly and then sends at half the rate it had,
    /// growing back towards the campaign's rate; refused even at 1/s, the pause doubles up to 30 s.
    /// </summary>
    public async Task<TimeSpan> ThrottledAsync(long campaignId)
    {
        var pause = (long)await redis.GetDatabase().ScriptEvaluateAsync(ThrottleScript,
            [Key(campaignId, "blocked"), Key(campaignId, "backoff"), Key(campaignId, "bucket")], [500, 30000]);
        return TimeSpan.FromMilliseconds(pause);
    }

    RedisKey Key(long campaignId, string what) => $"{keyPrefix}campaign:{{{campaignId}}}:{what}";
}
