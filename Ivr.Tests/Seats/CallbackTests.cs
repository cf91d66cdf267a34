using Ivr.Service.Calls.Outbound;
using Ivr.Service.Seats.Callbacks;
using Ivr.Simulator.Seats;
using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Seats;

/// <summary>Queued callbacks (回拨): they keep the caller's place in line, are placed once, seat first, and retried by policy.</summary>
public sealed class CallbackTests(RedisServer redis) : IClassFixture<RedisServer>
{
    static readonly TimeSpan Wait = SeatRig.Wait;

    string NewSpace() => redis.Prefix + Guid.NewGuid().ToString("N")[..6] + ":";

    [Fact]
    public async Task Callback_keeps_the_callers_place_in_line_and_is_placed_exactly_once_seat_first()
    {
        var space = NewSpace();
        await using var rig = await SeatRig.StartAsync(space);
        var seat = await rig.SeatAsync("2001");
        var taxpayer = rig.Sim.AddSeat("13800000002", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(200) });
        await rig.Board.PauseAsync("2001", "meeting");
        var a = await rig.CallerAsync("0", "13800000001");
        await a.Ear.WaitForAsync("moh:default", Wait);
        var b = await rig.CallerAsync("0", "13800000002");
        await b.Ear.WaitForAsync("moh:default", Wait);
        var c = await rig.CallerAsync("0", "13800000003");
        await c.Ear.WaitForAsync("moh:default", Wait);

        // B leaves the line for the busy menu and asks for a callback to its own number.
        await b.PressAsync("1");
        await b.WaitForPlaybackAsync("sound:seat-busy", Wait);
        await b.PressAsync("1");
        await b.WaitForPlaybackAsync("sound:callback-done", Wait);
        await rig.Board.PauseAsync("2001", null);

        await seat.WaitForAnswerAsync(Wait);                 // A, first in line
        await a.Ear.WaitForAsync(h => h.Source.StartsWith("bridge:seatcall-", StringComparison.Ordinal), Wait);
        await seat.HangUpAsync();
        await seat.WaitForAnswerAsync(Wait);                 // the callback: the seat is called first…
        await taxpayer.WaitForAnswerAsync(Wait);             // …then the taxpayer
        await taxpayer.Ear.WaitForAsync(h => h.Source.StartsWith("bridge:cbcall-", StringComparison.Ordinal), Wait);
        var id = (string)(await rig.Redis.GetDatabase().StringGetAsync($"{space}cbfor:one/{b.IvrChannelId}"))!;
        await rig.Router.PlaceCallbackAsync($"{CallbackLine.Inbox}/{id}", "2001");   // a duplicate job places nothing
        await taxpayer.HangUpAsync();
        await seat.WaitForAnswerAsync(Wait);                 // C, after the callback
        await c.Ear.WaitForAsync(h => h.Source.StartsWith("bridge:seatcall-", StringComparison.Ordinal), Wait);

        var toSeat = rig.Sim.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.Contains("endpoint=PJSIP%2F2001")).Select(r => r.PathAndQuery).ToList();
        Assert.Equal(3, toSeat.Count);
        Assert.Contains($"seat-offer%2C{a.IvrChannelId}", toSeat[0]);
        Assert.Contains($"callback-seat%2C{id}", toSeat[1]);
        Assert.Contains($"seat-offer%2C{c.IvrChannelId}", toSeat[2]);
        Assert.Single(rig.Sim.Requests, r => r.Method == "POST" && r.PathAndQuery.Contains("endpoint=PJSIP%2F13800000002"));
        Assert.Equal("done", (await new CallbackLine(rig.Redis, rig.Board).GetAsync(id))!.State);
    }

    [Fact]
    public async Task Taxpayer_first_callback_calls_the_taxpayer_who_hears_music_until_the_seat_answers_then_bridges_them()
    {
        await using var rig = await SeatRig.StartAsync(NewSpace(), yaml: SeatRig.GeneralWith("callback-order: taxpayer-first"));
        var seat = await rig.SeatAsync("2001", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(600) });
        var taxpayer = rig.Sim.AddSeat("13800000007", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(200) });

        Assert.True(await rig.Router.RegisterCallbackAsync("general", "13800000007", "no-channel"));

        await taxpayer.WaitForAnswerAsync(Wait);
        await taxpayer.Ear.WaitForAsync("moh:default", Wait);
        await seat.WaitForAnswerAsync(Wait);
        await taxpayer.Ear.WaitForAsync(h => h.Source.StartsWith("bridge:cbcall-", StringComparison.Ordinal), Wait);
        var originates = rig.Sim.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.Contains("endpoint=PJSIP")).Select(r => r.PathAndQuery).ToList();
        Assert.Equal(2, originates.Count);
        Assert.Contains("endpoint=PJSIP%2F13800000007", originates[0]);
        Assert.Contains("endpoint=PJSIP%2F2001", originates[1]);
        var id = (string)(await rig.Redis.GetDatabase().StringGetAsync($"{rig.Board.Prefix}cbfor:one/no-channel"))!;
        await CallbackStateAsync(rig, id, "talking");

        await seat.HangUpAsync();
        await CallbackStateAsync(rig, id, "done");
        Assert.Equal(1, (await rig.Board.SeatsAsync()).Single(s => s.Id == "2001").CallsToday);
    }

    [Fact]
    public async Task Busy_taxpayer_is_called_again_by_policy_and_given_up_after_the_last_attempt()
    {
        await using var rig = await SeatRig.StartAsync(NewSpace(), callbackAttempts: 2);
        await rig.SeatAsync("2001");
        rig.Sim.AddSeat("13900000000", new SeatBehavior { Busy = true });

        Assert.True(await rig.Router.RegisterCallbackAsync("general", "13900000000", "no-channel"));
        Assert.True(await rig.Router.RegisterCallbackAsync("general", "13900000000", "no-channel"));   // the same call asks twice: one callback

        var id = (string)(await rig.Redis.GetDatabase().StringGetAsync($"{rig.Board.Prefix}cbfor:one/no-channel"))!;
        await CallbackStateAsync(rig, id, "failed");
        Assert.Equal(2, rig.Sim.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.Contains("endpoint=PJSIP%2F13900000000")));
        Assert.Equal(2, rig.Sim.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.Contains("callback-seat")));
        await rig.SeatStateAsync("2001", s => s.State == Ivr.Service.Seats.Store.SeatState.Available);
        Assert.Equal(0, (await rig.Board.QueueAsync("general")).Waiting);
    }

    [Fact]
    public async Task Callback_taxpayer_leg_is_dialled_on_the_outbound_trunk_with_its_dial_template_and_caller_id()
    {
        var trunk = new OutboundTrunk(new OutboundDialOptions { DialTemplate = "PJSIP/{phone}", CallerId = "95566" });
        await using var rig = await SeatRig.StartAsync(NewSpace(), yaml: SeatRig.GeneralWith("callback-order: taxpayer-first"), trunk: trunk);
        await rig.SeatAsync("2001");
        var taxpayer = rig.Sim.AddSeat("13800000008", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(200) });

        Assert.True(await rig.Router.RegisterCallbackAsync("general", "13800000008", "no-channel"));

        var id = (string)(await rig.Redis.GetDatabase().StringGetAsync($"{rig.Board.Prefix}cbfor:one/no-channel"))!;
        await CallbackStateAsync(rig, id, "talking");
        var leg = Assert.Single(rig.Sim.Requests, r => r.Method == "POST" && r.PathAndQuery.Contains("callback-taxpayer")).PathAndQuery;
        Assert.Contains("endpoint=PJSIP%2F13800000008", leg);
        Assert.Contains("callerId=95566", leg);
        Assert.Equal(1, trunk.InUse);
        await taxpayer.HangUpAsync();
        await CallbackStateAsync(rig, id, "done");
        Assert.Equal(0, trunk.InUse);
    }

    [Fact]
    public async Task Callback_with_the_trunk_full_of_campaign_calls_rings_no_one_and_is_placed_without_losing_an_attempt_once_a_channel_is_free()
    {
        var trunk = new OutboundTrunk(new OutboundDialOptions { DialTemplate = "PJSIP/{phone}", MaxChannels = 1 });
        Assert.True(trunk.TryTake("out-campaign-call"));
        await using var rig = await SeatRig.StartAsync(NewSpace(), trunk: trunk);
        var seat = await rig.SeatAsync("2001");
        var taxpayer = rig.Sim.AddSeat("13800000009", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(200) });

        Assert.True(await rig.Router.RegisterCallbackAsync("general", "13800000009", "no-channel"));
        var id = (string)(await rig.Redis.GetDatabase().StringGetAsync($"{rig.Board.Prefix}cbfor:one/no-channel"))!;
        await CallbackStateAsync(rig, id, CallbackLine.TrunkFull);
        await rig.SeatStateAsync("2001", s => s.State == Ivr.Service.Seats.Store.SeatState.Available);
        Assert.DoesNotContain(rig.Sim.Requests, r => r.Method == "POST" && r.PathAndQuery.Contains("callback-"));

        trunk.Release("out-campaign-call");
        await seat.WaitForAnswerAsync(Wait);
        await taxpayer.Ear.WaitForAsync(h => h.Source.StartsWith("bridge:cbcall-", StringComparison.Ordinal), Wait);
        Assert.Equal(0, (await CallbackStateAsync(rig, id, "talking")).Attempts);
        Assert.False(trunk.TryTake("out-another-campaign-call"));
    }

    /// <summary>Polls the callback's record until it is in <paramref name="state"/>.</summary>
    internal static async Task<CallbackRecord> CallbackStateAsync(SeatRig rig, string id, string state)
    {
        var line = new CallbackLine(rig.Redis, rig.Board);
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            var record = (await line.GetAsync(id))!;
            if (record.State == state) return record;
            Assert.True(DateTime.UtcNow < until, $"callback stayed {record.State}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Callback_to_a_number_that_is_not_digits_is_refused()
    {
        await using var rig = await SeatRig.StartAsync(NewSpace());

        Assert.False(await rig.Router.RegisterCallbackAsync("general", "12ab", "c1"));
        Assert.False(await rig.Router.RegisterCallbackAsync("nowhere", "13900000000", "c1"));
    }
}
