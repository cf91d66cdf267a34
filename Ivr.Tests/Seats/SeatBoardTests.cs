using Ivr.Service.Seats.Config;
using Ivr.Service.Seats.Store;
using Ivr.Tests.Infrastructure;
using StackExchange.Redis;

namespace Ivr.Tests.Seats;

/// <summary>The shared seat board against the real Redis: claims, routing order, misses, wrap-up and refusals.</summary>
public sealed class SeatBoardTests(RedisServer redis) : IClassFixture<RedisServer>
{
    static readonly QueueSettings Queue = new() { Name = "general", WrapUp = TimeSpan.Zero, PauseAfterMisses = 2 };

    /// <summary>A board of its own: each test gets a fresh key space under the fixture's prefix.</summary>
    SeatBoard NewBoard(IConnectionMultiplexer? connection = null, string? space = null) =>
        new(connection ?? redis.Connection, redis.Prefix + (space ?? Guid.NewGuid().ToString("N")[..6]) + ":", TimeProvider.System);

    static Dictionary<string, int> Skills(params (string, int)[] s) => s.ToDictionary(x => x.Item1, x => x.Item2);

    [Fact]
    public async Task Two_instances_matching_a_burst_at_once_never_offer_one_seat_two_calls()
    {
        await using var second = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);
        var space = Guid.NewGuid().ToString("N")[..6];
        var a = NewBoard(space: space);
        var b = NewBoard(second, space);
        for (var s = 0; s < 20; s++) await a.LoginAsync($"s{s}", Skills());
        for (var c = 0; c < 60; c++) await (c % 2 == 0 ? a : b).EnqueueAsync(Queue, $"c{c}", c % 2 == 0 ? "A" : "B", null, 0);

        var rounds = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => (i % 2 == 0 ? a : b).MatchAsync(Queue, max: 3)));
        var offers = rounds.SelectMany(r => r).ToList();

        Assert.Equal(20, offers.Count);
        Assert.Equal(20, offers.Select(o => o.Seat).Distinct().Count());
        Assert.Equal(20, offers.Select(o => o.Call).Distinct().Count());
        // Offers went to the instance that owns each caller, first come first served.
        var toA = await a.TakeOffersAsync("A");
        var toB = await b.TakeOffersAsync("B");
        Assert.Equal(offers.OrderBy(o => o.Call).Select(o => o.Call), toA.Concat(toB).OrderBy(o => o.Call).Select(o => o.Call));
        Assert.All(toA, o => Assert.True(int.Parse(o.Call[1..]) % 2 == 0));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"c{i}").Order(), offers.Select(o => o.Call).Order());
    }

    [Fact]
    public async Task Callers_of_a_router_that_is_gone_are_passed_over_and_adopted_in_their_place_with_ringing_seats_withdrawn()
    {
        var board = NewBoard();
        await board.HeartbeatAsync("A", TimeSpan.FromSeconds(10));
        await board.HeartbeatAsync("B", TimeSpan.FromSeconds(10));
        await board.LoginAsync("s1", Skills());
        await board.EnqueueAsync(Queue, "A/c1", "A", null, 0);
        Assert.Equal("A/c1", Assert.Single(await board.MatchAsync(Queue)).Call);
        await board.RetireAsync("A");
        await board.EnqueueAsync(Queue, "B/c2", "B", null, 0);

        var adopted = await board.AdoptAsync("c1", "B/c1", "B");

        Assert.Equal(new AdoptedCall("general", 1, adopted!.Waited, null, null), adopted);
        Assert.Equal(SeatState.Available, (await board.SeatsAsync()).Single().State);
        Assert.Equal(["0", "0"], new[] { (string)(await redis.Connection.GetDatabase().HashGetAsync(board.Prefix + "seat:s1", "missed"))!,
            (await redis.Connection.GetDatabase().ListLengthAsync(board.Prefix + "inbox:A")).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Null(await board.AdoptAsync("c1", "B/c1x", "B"));        // adopted once; B is alive
        Assert.Equal("B/c1", Assert.Single(await board.MatchAsync(Queue)).Call);
        // A gone router's caller, however urgent, is passed over: nobody could offer it the seat.
        await board.EnqueueAsync(Queue, "A/c9", "A", null, priority: 5);
        await board.LoginAsync("s2", Skills());
        Assert.Equal("B/c2", Assert.Single(await board.MatchAsync(Queue)).Call);
    }

    [Fact]
    public async Task Longest_idle_seat_among_the_best_skill_level_takes_the_caller()
    {
        var board = NewBoard();
        await board.LoginAsync("junior-idle-longest", Skills(("vat", 2)));
        await board.LoginAsync("expert-1", Skills(("vat", 9)));
        await Task.Delay(5);
        await board.LoginAsync("expert-2", Skills(("vat", 9)));
        await board.LoginAsync("no-vat", Skills(("cit", 9)));
        await board.EnqueueAsync(Queue, "caller", "A", "vat", 0);

        var offer = Assert.Single(await board.MatchAsync(Queue));

        Assert.Equal("expert-1", offer.Seat);
    }

    [Fact]
    public async Task Higher_priority_callers_go_first_and_equals_keep_their_order()
    {
        var board = NewBoard();
        await board.EnqueueAsync(Queue with { JoinEmpty = true }, "first", "A", null, 0);
        await board.EnqueueAsync(Queue with { JoinEmpty = true }, "second", "A", null, 0);
        var (position, _) = await board.EnqueueAsync(Queue with { JoinEmpty = true }, "returned-callback", "A", null, 5);
        Assert.Equal(1, position);
        for (var s = 0; s < 3; s++)
        {
            await board.LoginAsync($"s{s}", Skills());
            await Task.Delay(3);
        }

        var offers = await board.MatchAsync(Queue);

        Assert.Equal(["returned-callback", "first", "second"], offers.Select(o => o.Call));
    }

    [Fact]
    public async Task Missed_offer_keeps_the_callers_place_tries_the_next_seat_and_pauses_the_seat_after_two_misses()
    {
        var board = NewBoard();
        await board.LoginAsync("sleepy", Skills());
        await Task.Delay(3);
        await board.LoginAsync("awake", Skills());
        await board.EnqueueAsync(Queue, "caller", "A", null, 0);
        await board.EnqueueAsync(Queue, "later", "A", null, 0);
        var first = await board.MatchAsync(Queue, max: 1);
        Assert.Equal("sleepy", Assert.Single(first).Seat);

        Assert.Equal(SeatState.Available, await board.ReleaseAsync("sleepy", "caller", SeatRelease.Missed, Queue));
        var second = await board.MatchAsync(Queue, max: 1);

        Assert.Equal(("caller", "awake"), (Assert.Single(second).Call, second[0].Seat));
        var again = await board.MatchAsync(Queue, max: 1);
        Assert.Equal(("later", "sleepy"), (Assert.Single(again).Call, again[0].Seat));
        Assert.Equal(SeatState.Paused, await board.ReleaseAsync("sleepy", "later", SeatRelease.Missed, Queue));
        var paused = (await board.SeatsAsync()).Single(s => s.Id == "sleepy");
        Assert.Equal("no answer", paused.Reason);
        Assert.Empty(await board.MatchAsync(Queue));
    }

    [Fact]
    public async Task Seat_in_wrap_up_gets_no_call_until_the_wrap_up_ends_and_the_call_counts_for_the_seat()
    {
        var board = NewBoard();
        var queue = Queue with { WrapUp = TimeSpan.FromMilliseconds(400) };
        await board.LoginAsync("s1", Skills());
        await board.EnqueueAsync(queue, "c1", "A", null, 0);
        await board.MatchAsync(queue);
        Assert.True(await board.AnsweredAsync("s1", "c1"));
        await Task.Delay(30);
        Assert.Equal(SeatState.WrapUp, await board.ReleaseAsync("s1", "c1", SeatRelease.Ended, queue));
        await board.EnqueueAsync(queue, "c2", "A", null, 0);

        Assert.Empty(await board.MatchAsync(queue));
        await Task.Delay(450);
        Assert.Equal("s1", Assert.Single(await board.MatchAsync(queue)).Seat);
        var seat = (await board.SeatsAsync()).Single();
        Assert.Equal(1, seat.CallsToday);
        Assert.True(seat.TalkToday >= TimeSpan.FromMilliseconds(20));
        var (_, _, today) = await board.QueueAsync("general");
        Assert.Equal(1, today["answered"]);
        Assert.Equal(1, today["answered20"]);
    }

    [Fact]
    public async Task Queue_refuses_callers_when_nobody_with_the_skill_is_logged_in_or_it_is_full()
    {
        var board = NewBoard();
        Assert.Equal((null, "no seat logged in"), await board.EnqueueAsync(Queue, "c1", "A", "vat", 0));
        await board.LoginAsync("cit-only", Skills(("cit", 3)));
        Assert.Equal((null, "no seat logged in"), await board.EnqueueAsync(Queue, "c1", "A", "vat", 0));
        await board.PauseAsync("cit-only", "lunch");
        var small = Queue with { MaxLength = 1 };
        Assert.Equal((1, null), await board.EnqueueAsync(small, "c1", "A", "cit", 0));
        Assert.Equal((null, "full"), await board.EnqueueAsync(small, "c2", "A", "cit", 0));
    }

    [Fact]
    public async Task Seat_on_a_call_cannot_log_out_and_a_pause_asked_during_the_call_starts_when_it_ends()
    {
        var board = NewBoard();
        await board.LoginAsync("s1", Skills());
        await board.EnqueueAsync(Queue, "c1", "A", null, 0);
        await board.MatchAsync(Queue);
        await board.AnsweredAsync("s1", "c1");

        Assert.Equal(SeatState.Busy, await board.LogoutAsync("s1"));
        Assert.Equal(SeatState.Busy, await board.PauseAsync("s1", "training"));
        Assert.Equal(SeatState.Paused, await board.ReleaseAsync("s1", "c1", SeatRelease.Ended, Queue));
        Assert.Equal(SeatState.Available, await board.PauseAsync("s1", null));
        Assert.Equal(SeatState.LoggedOut, await board.LogoutAsync("s1"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => board.PauseAsync("nobody", "lunch"));
        await Assert.ThrowsAsync<ArgumentException>(() => board.LoginAsync("bad id!", Skills()));
    }

    [Fact]
    public async Task Caller_who_hangs_up_while_waiting_leaves_the_line_and_counts_as_abandoned()
    {
        var board = NewBoard();
        await board.EnqueueAsync(Queue with { JoinEmpty = true }, "c1", "A", null, 0);
        Assert.Equal(1, (await board.QueueAsync("general")).Waiting);

        Assert.True(await board.LeaveAsync("c1", abandoned: true));
        Assert.False(await board.LeaveAsync("c1", abandoned: true));

        var (waiting, _, today) = await board.QueueAsync("general");
        Assert.Equal(0, waiting);
        Assert.Equal(1, today["abandoned"]);
    }
}
