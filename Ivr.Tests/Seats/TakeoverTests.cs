using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Seats;

/// <summary>
/// Callers waiting when their service instance stops: another instance on the same Asterisk and Redis takes their calls
/// over, and they keep their place, their music and announcements, and get the next seat.
/// </summary>
public sealed class TakeoverTests(RedisServer redis) : IClassFixture<RedisServer>
{
    static readonly TimeSpan Wait = SeatRig.Wait;

    [Fact]
    public async Task Waiting_callers_of_an_instance_that_stops_are_taken_over_in_their_places_and_get_the_next_seats()
    {
        var space = redis.Prefix + Guid.NewGuid().ToString("N")[..6] + ":";
        var callsPrefix = $"test:{Guid.NewGuid():N}:";
        var log = new LogLines();
        await using var a = await SeatRig.StartAsync(space, "A", log: log, callsPrefix: callsPrefix);
        await using var b = await SeatRig.StartAsync(space, "B", log: log, sim: a.Sim, application: "ivr-b", callsPrefix: callsPrefix);
        var seat = await a.SeatAsync("2001");
        await a.Board.PauseAsync("2001", "meeting");
        var first = await a.CallerAsync("0", "13800000001");
        await first.Ear.WaitForAsync("moh:default", Wait);
        var second = await a.CallerAsync("0", "13800000002");
        await second.Ear.WaitForAsync("moh:default", Wait);
        Assert.Equal(2, a.Router.CallersHere);

        await a.StopServiceAsync();
        var stoppedAt = a.Sim.Requests.Count;

        await WaitUntilAsync(() => b.Router.CallersHere == 2, $"instance B did not take both callers over{Environment.NewLine}{log}");
        // B holds them in bridges of its own, with the queue's music, and announces their (unchanged) positions.
        foreach (var call in new[] { first, second })
        {
            await WaitUntilAsync(() => a.Sim.Requests.Skip(stoppedAt).Any(r => r.Method == "POST" && r.PathAndQuery.Contains($"/bridges/seathold-{call.IvrChannelId}/moh")),
                $"no music for {call.IvrChannelId} after the takeover");
            await WaitUntilAsync(() => a.Sim.Requests.Skip(stoppedAt).Any(r => r.Method == "POST" && r.PathAndQuery.StartsWith($"/ari/channels/{call.IvrChannelId}/play", StringComparison.Ordinal)),
                $"no announcement for {call.IvrChannelId} after the takeover");
        }
        await second.Ear.WaitForAsync("moh:default", Wait);

        await b.Board.PauseAsync("2001", null);
        await seat.WaitForAnswerAsync(Wait);
        await first.Ear.WaitForAsync(h => h.Source.StartsWith("bridge:seatcall-", StringComparison.Ordinal), Wait);
        await seat.HangUpAsync();
        await first.WaitForPlaybackAsync("sound:survey-question", Wait);
        await seat.WaitForAnswerAsync(Wait);
        await second.Ear.WaitForAsync(h => h.Source.StartsWith("bridge:seatcall-", StringComparison.Ordinal), Wait);

        var offers = a.Sim.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.Contains("endpoint=PJSIP%2F2001")).Select(r => r.PathAndQuery).ToList();
        Assert.Equal(2, offers.Count);
        Assert.Contains($"seat-offer%2C{first.IvrChannelId}", offers[0]);
        Assert.Contains($"seat-offer%2C{second.IvrChannelId}", offers[1]);
        Assert.All(offers, o => Assert.Contains("app=ivr-b", o));
        var (waiting, _, today) = await b.Board.QueueAsync("general");
        Assert.Equal((0L, 2L, 0L), (waiting, today["entered"], today.GetValueOrDefault("abandoned")));
    }

    [Fact]
    public async Task Caller_talking_when_its_instance_stops_goes_on_to_the_survey_through_the_other_instance_when_the_seat_hangs_up()
    {
        var space = redis.Prefix + Guid.NewGuid().ToString("N")[..6] + ":";
        var callsPrefix = $"test:{Guid.NewGuid():N}:";
        var log = new LogLines();
        await using var a = await SeatRig.StartAsync(space, "A", log: log, callsPrefix: callsPrefix);
        await using var b = await SeatRig.StartAsync(space, "B", log: log, sim: a.Sim, application: "ivr-b", callsPrefix: callsPrefix);
        var seat = await a.SeatAsync("2001");
        var caller = await a.CallerAsync("0", "13800000001");
        await seat.WaitForAnswerAsync(Wait);
        await caller.Ear.WaitForAsync(h => h.Source.StartsWith("bridge:seatcall-", StringComparison.Ordinal), Wait);

        await a.StopServiceAsync();
        await WaitUntilAsync(() => b.Router.CallersHere == 1, $"instance B did not take the talking caller over{Environment.NewLine}{log}");
        Assert.StartsWith("bridge:seatcall-", caller.Hearing.Source, StringComparison.Ordinal);   // still talking, nothing played over it
        await seat.HangUpAsync();

        await caller.WaitForPlaybackAsync("sound:survey-question", Wait);
        var view = await b.SeatStateAsync("2001", s => s.State is Ivr.Service.Seats.Store.SeatState.Available or Ivr.Service.Seats.Store.SeatState.WrapUp);
        Assert.Equal(1, view.CallsToday);
    }

    static async Task WaitUntilAsync(Func<bool> done, string what)
    {
        var until = DateTime.UtcNow + Wait;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < until, what);
            await Task.Delay(20);
        }
    }
}
