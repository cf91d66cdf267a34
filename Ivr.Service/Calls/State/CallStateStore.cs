using System.Text.Json;
using StackExchange.Redis;

namespace Ivr.Service.Calls.State;

/// <summary>
/// Per-call state in Redis. <c>{prefix}call:{channel}</c> is a hash of <c>owner</c> (the instance running the call) and
/// <c>call</c> (a <see cref="CallSnapshot"/>), with a TTL as a safety net; <c>{prefix}calls</c> indexes the channels so an
/// instance finds calls without SCAN; <c>{prefix}calls:instance:{id}</c> is an instance's lease, renewed by its heartbeat.
/// A call whose owner's lease is gone is taken over by whoever claims it first (compare-and-set on <c>owner</c>), and a
/// write by an instance that is no longer the owner is refused, so a call is never run by two instances at once.
/// </summary>
public sealed class CallStateStore(IConnectionMultiplexer redis, CallStateSettings settings)
{
    // Only the owner may write; a new call may be written when nobody owns its channel yet.
    const string SaveScript = """
        local owner = redis.call('HGET', KEYS[1], 'owner')
        if owner and owner ~= ARGV[1] then return 0 end
        if (not owner) and ARGV[4] == '0' then return 0 end
        redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'call', ARGV[2], 'server', ARGV[6])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        redis.call('SADD', KEYS[2], ARGV[5])
        return 1
        """;

    const string ClaimScript = """
        if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return nil end
        redis.call('HSET', KEYS[1], 'owner', ARGV[2])
        return redis.call('HGET', KEYS[1], 'call')
        """;

    IDatabase Db => redis.GetDatabase();
    RedisKey Index => settings.Prefix + "calls";
    RedisKey KeyOf(string channel) => settings.Prefix + "call:" + channel;
    RedisKey LeaseOf(string instance) => settings.Prefix + "calls:instance:" + instance;

    public string InstanceId => settings.InstanceId;

    /// <summary>Writes a new call; false when another instance already owns the channel (it runs the call).</summary>
    public Task<bool> StartAsync(CallSnapshot call) => WriteAsync(call, isNew: true);

    /// <summary>Writes the call after a turn; false when another instance has taken it over (this one must let it go).</summary>
    public Task<bool> SaveAsync(CallSnapshot call) => WriteAsync(call, isNew: false);

    async Task<bool> WriteAsync(CallSnapshot call, bool isNew)
    {
        var json = JsonSerializer.Serialize(call, CallSnapshotJson.Default.CallSnapshot);
        var written = await Db.ScriptEvaluateAsync(SaveScript, [KeyOf(call.Channel), Index],
            [settings.InstanceId, json, (long)settings.StateTtl.TotalMilliseconds, isNew ? "1" : "0", call.Channel, call.Server]);
        return (long)written == 1;
    }

    /// <summary>The call ended: its state goes.</summary>
    public async Task DeleteAsync(string channel)
    {
        var batch = Db.CreateBatch();
        var deleted = batch.KeyDeleteAsync(KeyOf(channel));
        var unindexed = batch.SetRemoveAsync(Index, channel);
        batch.Execute();
        await Task.WhenAll(deleted, unindexed);
    }

    /// <summary>Renews this instance's lease; while it holds, nobody takes its calls.</summary>
    public Task HeartbeatAsync() => Db.StringSetAsync(LeaseOf(settings.InstanceId), "1", settings.Lease);

    /// <summary>A clean stop: the lease goes at once, so other instances (or this one restarted) take the calls without waiting.</summary>
    public Task ReleaseAsync() => Db.KeyDeleteAsync(LeaseOf(settings.InstanceId));

    /// <summary>Calls whose owner's lease is gone, with that owner and their Asterisk; index entries whose state expired are removed.</summary>
    public async Task<IReadOnlyList<Orphan>> OrphansAsync()
    {
        var channels = (await Db.SetMembersAsync(Index)).Select(c => c.ToString()).ToList();
        var fields = await Task.WhenAll(channels.Select(c => Db.HashGetAsync(KeyOf(c), ["owner", "server"])));
        var alive = new Dictionary<string, bool>(StringComparer.Ordinal);
        var orphans = new List<Orphan>();
        for (var i = 0; i < channels.Count; i++)
        {
            if (fields[i][0].IsNull)
            {
                await Db.SetRemoveAsync(Index, channels[i]);
                continue;
            }
            var owner = fields[i][0].ToString();
            if (owner == settings.InstanceId) continue;
            if (!alive.TryGetValue(owner, out var isAlive)) alive[owner] = isAlive = await Db.KeyExistsAsync(LeaseOf(owner));
            if (!isAlive) orphans.Add(new Orphan(channels[i], owner, fields[i][1].ToString()));
        }
        return orphans;
    }

    /// <summary>The owner of a channel's call when that owner's lease is gone; null when it is alive or nobody keeps the call.</summary>
    public async Task<Orphan?> OrphanAsync(string channel)
    {
        var fields = await Db.HashGetAsync(KeyOf(channel), ["owner", "server"]);
        if (fields[0].IsNull || fields[0] == settings.InstanceId || await Db.KeyExistsAsync(LeaseOf(fields[0].ToString()))) return null;
        return new Orphan(channel, fields[0].ToString(), fields[1].ToString());
    }

    /// <summary>Takes the call from its dead owner; null when another instance was faster or the state is gone.</summary>
    public async Task<CallSnapshot?> ClaimAsync(string channel, string deadOwner)
    {
        var json = await Db.ScriptEvaluateAsync(ClaimScript, [KeyOf(channel)], [deadOwner, settings.InstanceId]);
        if (json.IsNull) return null;
        try { return JsonSerializer.Deserialize((string)json!, CallSnapshotJson.Default.CallSnapshot); }
        catch (JsonException e) { throw new FormatException($"Redis {KeyOf(channel)}: the call state is not a call snapshot: {e.Message}", e); }
    }

    /// <summary>A call whose owner died.</summary>
    public sealed record Orphan(string Channel, string Owner, string Server);

    /// <summary>Who runs the call now (null when nobody: it ended or was never kept).</summary>
    public async Task<string?> OwnerAsync(string channel) => (string?)await Db.HashGetAsync(KeyOf(channel), "owner");
}
