using Ivr.Service.Seats.Store;
using Ivr.Simulator.Seats;
using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Seats;

/// <summary>The ring-all strategy through the simulator: every free seat rings, the first to answer takes the caller.</summary>
public sealed class RingAllTests(RedisServer redis) : IClassFixture<RedisServer>
{
    static readonly TimeSpan Wait = SeatRig.Wait;

    [Fact]
    public async Task Ring_all_rings_every_free_seat_and_the_others_stop_and_are_free_again_with_no_missed_offer()
    {
        var space = redis.Prefix + Guid.NewGuid().ToString("N")[..6] + ":";
        // pause-after-misses is 1 in the test queues: a miss counted against a seat would pause it.
        await using var rig = await SeatRig.StartAsync(space, yaml: SeatRig.GeneralWith("strategy: ring-all"));
        var slow = await rig.SeatAsync("2001", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(700) });
        var quick = await rig.SeatAsync("2002", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(200) });
        await rig.SeatAsync("2003", new SeatBehavior { AnswerAfter = null });
        await rig.SeatAsync("2004", new SeatBehavior(), ("other-skill", 1));
        await rig.Board.PauseAsync("2004", "lunch");

        var caller = await rig.CallerAsync("0");

        await quick.WaitForAnswerAsync(Wait);
        await caller.Ear.WaitForAsync(h => h.Source.StartsWith("bridge:seatcall-", StringComparison.Ordinal), Wait);
        var offers = rig.Sim.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.Contains($"seat-offer%2C{caller.IvrChannelId}")).ToList();
        Assert.Equal(3, offers.Count);
        foreach (var seat in new[] { "2001", "2002", "2003" }) Assert.Single(offers, r => r.PathAndQuery.Contains($"endpoint=PJSIP%2F{seat}"));
        await rig.SeatStateAsync("2001", s => s.State == SeatState.Available);
        await rig.SeatStateAsync("2003", s => s.State == SeatState.Available);
        Assert.Equal(SeatState.Busy, (await rig.Board.SeatsAsync()).Single(s => s.Id == "2002").State);
        var db = rig.Redis.GetDatabase();
        Assert.Equal(("0", "0"), ((string?)await db.HashGetAsync($"{space}seat:2001", "missed"), (string?)await db.HashGetAsync($"{space}seat:2003", "missed")));
        await Assert.ThrowsAsync<TimeoutException>(() => slow.WaitForAnswerAsync(TimeSpan.FromSeconds(1)));

        await quick.HangUpAsync();
        await caller.WaitForPlaybackAsync("sound:survey-question", Wait);
        var (_, _, today) = await rig.Board.QueueAsync("general");
        Assert.Equal((1L, 0L), (today["answered"], today.GetValueOrDefault("abandoned")));
    }

    [Fact]
    public async Task Ring_all_caller_who_hangs_up_while_seats_ring_frees_every_seat_and_counts_one_abandoned_call()
    {
        var space = redis.Prefix + Guid.NewGuid().ToString("N")[..6] + ":";
        await using var rig = await SeatRig.StartAsync(space, yaml: SeatRig.GeneralWith("strategy: ring-all"));
        await rig.SeatAsync("2001", new SeatBehavior { AnswerAfter = null });
        await rig.SeatAsync("2002", new SeatBehavior { AnswerAfter = null });
        var caller = await rig.CallerAsync("0");
        await rig.SeatStateAsync("2001", s => s.State == SeatState.Offered);
        await rig.SeatStateAsync("2002", s => s.State == SeatState.Offered);

        await caller.HangUpAsync();

        await rig.SeatStateAsync("2001", s => s.State == SeatState.Available);
        await rig.SeatStateAsync("2002", s => s.State == SeatState.Available);
        var (waiting, _, today) = await rig.Board.QueueAsync("general");
        Assert.Equal((0L, 1L), (waiting, today["abandoned"]));
    }
}
