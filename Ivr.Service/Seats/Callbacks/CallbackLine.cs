using Ivr.Service.Seats.Config;
using Ivr.Service.Seats.Store;
using StackExchange.Redis;

namespace Ivr.Service.Seats.Callbacks;

/// <summary>A registered callback as stored on the board.</summary>
public sealed record CallbackRecord(string Id, string Number, string Queue, string Score, int Attempts, string State);

/// <summary>
/// Callbacks (回拨) on the seat board: a callback is a waiting entry like a caller, owned by the "callbacks" inbox, with
/// the line score of the call it came from, so it keeps its place and never jumps ahead of callers who were earlier.
/// </summary>
public sealed class CallbackLine(IConnectionMultiplexer redis, SeatBoard board)
{
    /// <summary>The board instance name whose offers are callbacks to place.</summary>
    public const string Inbox = "callbacks";

    IDatabase Db => redis.GetDatabase();

    string Key(string id) => board.Prefix + "cb:" + id;

    /// <summary>
    /// Registers a callback for the call <paramref name="fromCall"/> (board id); a second registration for the same call
    /// returns the first one's id. The callback takes the call's place in line if it left the queue moments ago.
    /// </summary>
    public async Task<string> RegisterAsync(QueueSettings queue, string number, string fromCall)
    {
        if (number.Length is < 5 or > 20 || !number.All(char.IsAsciiDigit))
            throw new ArgumentException($"callback number must be 5 to 20 digits, got {number.Length} characters");
        var id = Guid.NewGuid().ToString("N")[..16];
        var once = board.Prefix + "cbfor:" + fromCall;
        if (!await Db.StringSetAsync(once, id, TimeSpan.FromDays(1), When.NotExists)) return (string)(await Db.StringGetAsync(once))!;
        var kept = await board.LeftScoreAsync(fromCall);
        await Db.HashSetAsync(Key(id), [new("number", number), new("queue", queue.Name), new("attempts", 0), new("state", "waiting")]);
        await Db.KeyExpireAsync(Key(id), TimeSpan.FromDays(2));
        await board.EnqueueAsync(AlwaysJoins(queue), Inbox + "/" + id, Inbox, null, 0, kept);
        var score = await Db.HashGetAsync(board.Prefix + "call:" + Inbox + "/" + id, "score");
        await Db.HashSetAsync(Key(id), "score", score);
        return id;
    }

    public async Task<CallbackRecord?> GetAsync(string id)
    {
        var h = (await Db.HashGetAllAsync(Key(id))).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        return h.Count == 0 ? null : new CallbackRecord(id, h["number"], h["queue"], h.GetValueOrDefault("score", ""),
            int.Parse(h.GetValueOrDefault("attempts", "0"), System.Globalization.CultureInfo.InvariantCulture), h.GetValueOrDefault("state", ""));
    }

    public Task SetAsync(string id, string state, int attempts) =>
        Db.HashSetAsync(Key(id), [new("state", state), new("attempts", attempts)]);

    /// <summary>Back in line at the old place for attempt <paramref name="attempt"/>; false when that attempt was already requeued.</summary>
    public async Task<bool> RequeueAsync(QueueSettings queue, CallbackRecord callback, int attempt)
    {
        if (!await Db.StringSetAsync(Key(callback.Id) + ":retry:" + attempt, 1, TimeSpan.FromDays(1), When.NotExists)) return false;
        await EnqueueAsync(queue, callback, attempt);
        return true;
    }

    /// <summary>
    /// Back in line at the old place for the same attempt after a placement that rang no one because the trunk was full;
    /// false when it is not waiting for that (already back, or placed meanwhile).
    /// </summary>
    public async Task<bool> ReturnAsync(QueueSettings queue, CallbackRecord callback)
    {
        if (callback.State != TrunkFull) return false;
        await EnqueueAsync(queue, callback, callback.Attempts);
        return true;
    }

    /// <summary>The state of a callback that waits for a free trunk channel; it has not spent an attempt.</summary>
    public const string TrunkFull = "trunk-full";

    async Task EnqueueAsync(QueueSettings queue, CallbackRecord callback, int attempt)
    {
        await SetAsync(callback.Id, "waiting", attempt);
        await board.EnqueueAsync(AlwaysJoins(queue), Inbox + "/" + callback.Id, Inbox, null, 0, callback.Score);
    }

    /// <summary>A promised callback waits for a seat whatever the queue's limits for live callers.</summary>
    static QueueSettings AlwaysJoins(QueueSettings queue) => queue with { JoinEmpty = true, MaxLength = int.MaxValue };
}
