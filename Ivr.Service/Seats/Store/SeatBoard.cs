using System.Globalization;
using Ivr.Service.Seats.Config;
using StackExchange.Redis;

namespace Ivr.Service.Seats.Store;

/// <summary>
/// Seats and waiting lines in Redis, shared by every service instance. Every change is one Lua script
/// (<see cref="SeatScripts"/>), so claims are atomic across instances. Keys start with <paramref name="prefix"/>.
/// </summary>
public sealed class SeatBoard(IConnectionMultiplexer redis, string prefix, TimeProvider time)
{
    /// <summary>Dates of the statistics are the hotline's day in China, whatever the server's zone.</summary>
    static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    IDatabase Db => redis.GetDatabase();

    public string Prefix => prefix;

    /// <summary>The Redis channel an instance is told of offers on.</summary>
    public RedisChannel InboxChannel(string instance) => RedisChannel.Literal(prefix + "inbox:" + instance);

    public async Task<SeatState> LoginAsync(string seat, IReadOnlyDictionary<string, int> skills)
    {
        CheckId(seat, "seat");
        foreach (var (name, level) in skills)
        {
            CheckId(name, "skill");
            if (level is < 1 or > 100) throw new ArgumentException($"seat {seat}: skill '{name}' level {level} is out of range (1 to 100, higher is better)");
        }
        var encoded = string.Join(',', skills.Select(s => $"{s.Key}={s.Value.ToString(CultureInfo.InvariantCulture)}"));
        return ParseState((string?)await Run(SeatScripts.Login, seat, encoded));
    }

    /// <summary>Logs a seat out; a seat on a call stays (the state it is in is returned).</summary>
    public async Task<SeatState> LogoutAsync(string seat) => ParseState((string?)await Run(SeatScripts.Logout, seat));

    /// <summary>Pauses with a reason, or unpauses with null; a seat on a call is paused when it ends.</summary>
    public async Task<SeatState> PauseAsync(string seat, string? reason) => ParseState((string?)await Run(SeatScripts.Pause, seat, reason ?? ""));

    /// <summary>Puts a caller in line; the 1-based position, or null with why it was refused.</summary>
    public async Task<(int? Position, string? Refusal)> EnqueueAsync(QueueSettings queue, string call, string instance, string? skill, int priority,
        string? keepScore = null)
    {
        var result = (long)await Run(SeatScripts.Enqueue, queue.Name, call, instance, skill ?? "", priority, queue.MaxLength, queue.JoinEmpty ? 1 : 0,
            string.Join(',', queue.Skills), Today(), keepScore ?? "");
        return result switch
        {
            -1 => (null, "full"),
            -2 => (null, "no seat logged in"),
            _ => ((int)result, null),
        };
    }

    /// <summary>Makes up to <paramref name="max"/> routing decisions for a queue; each offer is posted to its caller's instance.</summary>
    public async Task<IReadOnlyList<SeatOffer>> MatchAsync(QueueSettings queue, int max = 50)
    {
        var result = (RedisResult[])(await Run(SeatScripts.Match, queue.Name, string.Join(',', queue.Skills), max,
            queue.Strategy == SeatStrategy.RingAll ? 1 : 0))!;
        return [.. result.Select(r => SeatOffer.Parse((string)r!))];
    }

    /// <summary>Offers posted to this instance, oldest first.</summary>
    public async Task<IReadOnlyList<SeatOffer>> TakeOffersAsync(string instance)
    {
        var items = await Db.ListLeftPopAsync(prefix + "inbox:" + instance, 1000);
        return items is null ? [] : [.. items.Select(i => SeatOffer.Parse(i!))];
    }

    /// <summary>The offered seat answered; false when the offer is no longer valid.</summary>
    public async Task<bool> AnsweredAsync(string seat, string call, string leg = "") => (long)await Run(SeatScripts.Answered, seat, call, Today(), leg) == 1;

    /// <summary>The seat leaves the call; returns its new state, or null when it was not on this call any more.</summary>
    public async Task<SeatState?> ReleaseAsync(string seat, string call, SeatRelease why, QueueSettings queue)
    {
        var outcome = why switch
        {
            SeatRelease.Missed => "missed", SeatRelease.CallerGone => "caller-gone", SeatRelease.Withdrawn => "withdrawn", _ => "ended",
        };
        var state = (string?)await Run(SeatScripts.Release, seat, call, outcome, (long)queue.WrapUp.TotalMilliseconds, queue.PauseAfterMisses, Today());
        return state == "stale" ? null : ParseState(state);
    }

    /// <summary>Keeps <paramref name="instance"/>'s router alive on the board for <paramref name="lease"/>; its callers are passed over once it lapses.</summary>
    public async Task HeartbeatAsync(string instance, TimeSpan lease) => await Run(SeatScripts.Heartbeat, instance, (long)lease.TotalMilliseconds);

    /// <summary>A clean stop: the router's callers may be adopted at once.</summary>
    public Task RetireAsync(string instance) => Db.KeyDeleteAsync(prefix + "lease:" + instance);

    /// <summary>
    /// Takes over the caller on <paramref name="channel"/> that a router which is gone left in line (or ringing), as
    /// <paramref name="call"/> of <paramref name="instance"/>, in the same place; null when there is none.
    /// </summary>
    public async Task<AdoptedCall?> AdoptAsync(string channel, string call, string instance)
    {
        var r = (RedisResult[])(await Run(SeatScripts.Adopt, channel, call, instance))!;
        if (r.Length < 3) return null;
        var waited = TimeSpan.FromMilliseconds(Math.Max(0, (long)r[2]));
        return r.Length == 5 ? new AdoptedCall((string)r[0]!, 0, waited, (string)r[3]!, (string)r[4]!) : new AdoptedCall((string)r[0]!, (int)r[1], waited, null, null);
    }

    /// <summary>Takes a waiting caller out of line; false when it was not waiting (it may have just been offered a seat).</summary>
    public async Task<bool> LeaveAsync(string call, bool abandoned) => (long)await Run(SeatScripts.Leave, call, abandoned ? 1 : 0, Today()) == 1;

    /// <summary>The kept line score of a caller who left without hanging up (for a callback), or null.</summary>
    public async Task<string?> LeftScoreAsync(string call) => await Db.StringGetAsync(prefix + "left:" + call);

    /// <summary>True once per offer of a waiting entry to a seat: duplicate jobs and stale offers get false.</summary>
    public async Task<bool> ClaimPlacementAsync(string call, string seat) => (long)await Run(SeatScripts.ClaimPlacement, call, seat) == 1;

    public async Task<LineView> ViewAsync(QueueSettings queue, string call)
    {
        var r = (RedisResult[])(await Run(SeatScripts.View, queue.Name, call, string.Join(',', queue.Skills)))!;
        var handle = ((RedisResult[])r[2]!).Select(h => TimeSpan.FromMilliseconds((long)h)).ToList();
        return new LineView((int)r[0], (int)r[1], handle);
    }

    /// <summary>Every seat the board knows, with today's counts.</summary>
    public async Task<IReadOnlyList<SeatView>> SeatsAsync()
    {
        var db = Db;
        var ids = (await db.SetMembersAsync(prefix + "seats")).Select(v => (string)v!).Order(StringComparer.Ordinal).ToList();
        var nowMs = await RedisNowAsync();
        var list = new List<SeatView>();
        foreach (var id in ids)
        {
            var h = (await db.HashGetAllAsync(prefix + "seat:" + id)).ToDictionary(e => (string)e.Name!, e => (string?)e.Value);
            var stats = (await db.HashGetAllAsync($"{prefix}seatstats:{id}:{Today()}")).ToDictionary(e => (string)e.Name!, e => (long)e.Value);
            var state = ParseState(h.GetValueOrDefault("state"));
            if (state == SeatState.WrapUp && long.TryParse(h.GetValueOrDefault("until"), out var until) && until <= nowMs) state = SeatState.Available;
            list.Add(new SeatView(id, state, h.GetValueOrDefault("reason") is { Length: > 0 } reason ? reason : null, ParseSkills(h.GetValueOrDefault("skills")),
                h.GetValueOrDefault("call"), stats.GetValueOrDefault("handled"), TimeSpan.FromMilliseconds(stats.GetValueOrDefault("talkMs"))));
        }
        return list;
    }

    /// <summary>A queue's line and today's counters.</summary>
    public async Task<(long Waiting, TimeSpan LongestWait, IReadOnlyDictionary<string, long> Today)> QueueAsync(string queue)
    {
        var db = Db;
        var waiting = await db.SortedSetLengthAsync($"{prefix}q:{queue}:waiting");
        var oldest = await db.SortedSetRangeByRankWithScoresAsync($"{prefix}q:{queue}:since", 0, 0);
        var nowMs = await RedisNowAsync();
        var longest = oldest.Length == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Max(0, nowMs - (long)oldest[0].Score));
        var stats = (await db.HashGetAllAsync($"{prefix}stats:{queue}:{Today()}")).ToDictionary(e => (string)e.Name!, e => (long)e.Value);
        return (waiting, longest, stats);
    }

    async Task<long> RedisNowAsync()
    {
        var t = (RedisResult[])(await Db.ExecuteAsync("TIME"))!;
        return long.Parse((string)t[0]!, CultureInfo.InvariantCulture) * 1000 + long.Parse((string)t[1]!, CultureInfo.InvariantCulture) / 1000;
    }

    Task<RedisResult> Run(string script, params RedisValue[] args) => Db.ScriptEvaluateAsync(script, [], [prefix, .. args]);

    string Today() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), China).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    static SeatState ParseState(string? s) => s switch
    {
        "available" => SeatState.Available,
        "offered" => SeatState.Offered,
        "busy" => SeatState.Busy,
        "wrapup" => SeatState.WrapUp,
        "paused" => SeatState.Paused,
        "loggedout" or null or "" => SeatState.LoggedOut,
        "unknown" => throw new KeyNotFoundException("no such seat: log it in first"),
        _ => throw new InvalidOperationException($"seat board: unknown seat state '{s}' in Redis"),
    };

    static Dictionary<string, int> ParseSkills(string? raw) =>
        (raw ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .Where(p => p.Length == 2 && int.TryParse(p[1], CultureInfo.InvariantCulture, out _))
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));

    static void CheckId(string id, string what)
    {
        if (id.Length is 0 or > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException($"{what} id '{id}' must be 1 to 64 letters, digits, '-', '_' or '.'");
    }
}
