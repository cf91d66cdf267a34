using Ivr.Service.Seats.Callbacks;
using Ivr.Simulator;
using Ivr.Simulator.Seats;
using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Seats;

/// <summary>
/// The callback offered on entering a queue with a long expected wait, or a closed one: the caller's own number or
/// another keyed in, the place in line kept, and the callbacks placed in that order.
/// </summary>
public sealed class CallbackOfferTests(RedisServer redis) : IClassFixture<RedisServer>
{
    static readonly TimeSpan Wait = SeatRig.Wait;

    string NewSpace() => redis.Prefix + Guid.NewGuid().ToString("N")[..6] + ":";

    [Fact]
    public async Task Long_wait_offers_a_callback_to_the_caller_id_or_a_keyed_number_and_each_keeps_its_place_in_line()
    {
        await using var rig = await SeatRig.StartAsync(NewSpace(), yaml: SeatRig.GeneralWith("callback-offer: {above: 1m}"));
        var seat = await rig.SeatAsync("2001");
        await rig.Board.PauseAsync("2001", "meeting");   // nobody staffed: the expected wait is the default handle time, 3 min
        var otherPhone = rig.Sim.AddSeat("13900000009", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(200) });
        var cPhone = rig.Sim.AddSeat("13800000003", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(200) });

        var a = await EnterAsync(rig, "13800000001");
        await a.PressAsync("9");                          // declined: keeps waiting with the music
        await a.Ear.WaitForAsync("moh:default", Wait);
        var b = await EnterAsync(rig, "13800000002");
        await b.PressAsync("2");
        await b.WaitForPlaybackAsync("sound:queue-callback-number", Wait);
        await b.PressAsync("13900000009#");
        await HungUpAfterConfirmationAsync(b);
        var c = await EnterAsync(rig, "13800000003");
        await c.PressAsync("1");
        await HungUpAfterConfirmationAsync(c);
        var idB = await CallbackOfAsync(rig, b);
        var idC = await CallbackOfAsync(rig, c);
        var line = new CallbackLine(rig.Redis, rig.Board);
        Assert.Equal(("13900000009", "13800000003"), ((await line.GetAsync(idB))!.Number, (await line.GetAsync(idC))!.Number));
        Assert.Equal(3, (await rig.Board.QueueAsync("general")).Waiting);

        await rig.Board.PauseAsync("2001", null);
        await seat.WaitForAnswerAsync(Wait);              // A, the caller who kept waiting, first
        await a.Ear.WaitForAsync(h => h.Source.StartsWith("bridge:seatcall-", StringComparison.Ordinal), Wait);
        await seat.HangUpAsync();
        await seat.WaitForAnswerAsync(Wait);              // B's callback, to the number B keyed
        await otherPhone.WaitForAnswerAsync(Wait);
        await CallbackTests.CallbackStateAsync(rig, idB, "talking");
        await otherPhone.HangUpAsync();
        await seat.WaitForAnswerAsync(Wait);              // C's callback, to C's caller id
        await cPhone.WaitForAnswerAsync(Wait);
        await CallbackTests.CallbackStateAsync(rig, idC, "talking");

        var toSeat = rig.Sim.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.Contains("endpoint=PJSIP%2F2001")).Select(r => r.PathAndQuery).ToList();
        Assert.Equal(3, toSeat.Count);
        Assert.Contains($"seat-offer%2C{a.IvrChannelId}", toSeat[0]);
        Assert.Contains($"callback-seat%2C{idB}", toSeat[1]);
        Assert.Contains($"callback-seat%2C{idC}", toSeat[2]);
    }

    [Fact]
    public async Task Closed_queue_offers_the_callback_and_a_caller_who_declines_goes_on_in_the_menu()
    {
        var yaml = SeatRig.GeneralWith("hours: seat-hours", "callback-offer: {above: 10m, outside-hours: true}")
            .Replace("{windows: always}", $"{{windows: \"{ClosedWindowNow()}\"}}", StringComparison.Ordinal);
        await using var rig = await SeatRig.StartAsync(NewSpace(), yaml: yaml);
        await rig.SeatAsync("2001");

        var taker = await EnterAsync(rig, "13800000001");
        await taker.PressAsync("1");
        await HungUpAfterConfirmationAsync(taker);
        var decliner = await EnterAsync(rig, "13800000002");
        await decliner.PressAsync("9");
        await decliner.WaitForPlaybackAsync("sound:seat-busy", Wait);

        var id = await CallbackOfAsync(rig, taker);
        Assert.Equal(("13800000001", "general"), ((await new CallbackLine(rig.Redis, rig.Board).GetAsync(id))!.Number, (await new CallbackLine(rig.Redis, rig.Board).GetAsync(id))!.Queue));
        Assert.Equal((string?)null, (string?)await rig.Redis.GetDatabase().StringGetAsync($"{rig.Board.Prefix}cbfor:one/{decliner.IvrChannelId}"));
    }

    /// <summary>A caller at the general queue who heard the callback offer.</summary>
    static async Task<VirtualCall> EnterAsync(SeatRig rig, string callerId)
    {
        var call = await rig.CallerAsync("0", callerId);
        await call.WaitForPlaybackAsync("sound:queue-callback-offer", Wait);
        return call;
    }

    static async Task HungUpAfterConfirmationAsync(VirtualCall call)
    {
        await call.WaitForPlaybackAsync("sound:callback-done", Wait);
        await call.WaitForHangupAsync(Wait);
    }

    static async Task<string> CallbackOfAsync(SeatRig rig, VirtualCall call) =>
        (string?)await rig.Redis.GetDatabase().StringGetAsync($"{rig.Board.Prefix}cbfor:one/{call.IvrChannelId}")
        ?? throw new Xunit.Sdk.XunitException($"no callback registered for {call.IvrChannelId}");

    /// <summary>An hour later today in Beijing, so the queue is closed now (and on a day off it is closed anyway).</summary>
    static string ClosedWindowNow()
    {
        var hour = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Hour;
        return hour <= 20 ? $"{hour + 2:00}:00-{hour + 3:00}:00" : "01:00-02:00";
    }
}
