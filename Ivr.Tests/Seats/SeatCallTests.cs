using Ivr.Service.Seats.Store;
using Ivr.Simulator.Seats;
using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Seats;

/// <summary>Callers of the 12366 menus reaching live seats through the simulator: issue 7's end-to-end cases.</summary>
public sealed class SeatCallTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    static readonly TimeSpan Wait = SeatRig.Wait;
    SeatRig _rig = null!;

    public async Task InitializeAsync() => _rig = await SeatRig.StartAsync(redis.Prefix + Guid.NewGuid().ToString("N")[..6] + ":");

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Caller_waits_with_music_and_is_bridged_with_the_seat_that_answers()
    {
        var seat = await _rig.SeatAsync("2001");
        var call = await _rig.CallerAsync("0");

        var seatChannel = await seat.WaitForAnswerAsync(Wait);

        await _rig.RequestAsync(r => r.Method == "POST" && r.PathAndQuery.StartsWith($"/ari/bridges/seathold-{call.IvrChannelId}/moh"), "queue music");
        var add = await _rig.RequestAsync(r => r.Method == "POST" && r.PathAndQuery.StartsWith($"/ari/bridges/seatcall-{call.IvrChannelId}/addChannel"), "bridging");
        Assert.Contains(seatChannel, Uri.UnescapeDataString(add.PathAndQuery));
        Assert.Equal(SeatState.Busy, (await _rig.SeatStateAsync("2001", s => s.State == SeatState.Busy)).State);
    }

    [Fact]
    public async Task Seat_hanging_up_sends_the_caller_to_the_survey_and_the_seat_counts_the_call()
    {
        var seat = await _rig.SeatAsync("2001");
        var call = await _rig.CallerAsync("0");
        await seat.WaitForAnswerAsync(Wait);
        await _rig.RequestAsync(r => r.PathAndQuery.StartsWith($"/ari/bridges/seatcall-{call.IvrChannelId}/addChannel"), "bridging");

        await seat.HangUpAsync();

        await call.WaitForPlaybackAsync("sound:survey-question", Wait);
        var view = await _rig.SeatStateAsync("2001", s => s.CallsToday == 1);
        Assert.Equal(SeatState.Available, view.State);
        var (_, _, today) = await _rig.Board.QueueAsync("general");
        Assert.Equal((1, 1, 1), (today["answered"], today["answered20"], today["handled"]));
    }

    [Fact]
    public async Task Seat_that_does_not_answer_is_paused_and_the_next_seat_gets_the_caller()
    {
        var sleepy = await _rig.SeatAsync("2001", new SeatBehavior { AnswerAfter = null });
        await Task.Delay(5);
        var awake = await _rig.SeatAsync("2002");
        var call = await _rig.CallerAsync("0");

        await awake.WaitForAnswerAsync(Wait);

        Assert.Contains(_rig.Sim.Requests, r => r.Method == "POST" && r.PathAndQuery.Contains("endpoint=PJSIP%2F2001"));
        var paused = await _rig.SeatStateAsync("2001", s => s.State == SeatState.Paused);
        Assert.Equal("no answer", paused.Reason);
        await _rig.RequestAsync(r => r.PathAndQuery.StartsWith($"/ari/bridges/seatcall-{call.IvrChannelId}/addChannel"), "bridging with the second seat");
        _ = sleepy;
    }

    [Fact]
    public async Task With_no_seat_logged_in_the_caller_hears_the_busy_menu_offering_a_callback()
    {
        var call = await _rig.CallerAsync("0");

        await call.WaitForPlaybackAsync("sound:seat-busy", Wait);
        Assert.DoesNotContain(_rig.Sim.Requests, r => r.PathAndQuery.StartsWith("/ari/bridges/seathold-"));
    }

    [Fact]
    public async Task When_the_only_seat_is_busy_the_next_caller_waits_and_gets_it_once_it_frees()
    {
        var seat = await _rig.SeatAsync("2001");
        var first = await _rig.CallerAsync("0");
        await seat.WaitForAnswerAsync(Wait);
        var second = await _rig.CallerAsync("0");
        await second.Ear.WaitForAsync("moh:default", Wait);
        Assert.Equal(1, (await _rig.Board.QueueAsync("general")).Waiting);

        await seat.HangUpAsync();

        await first.WaitForPlaybackAsync("sound:survey-question", Wait);
        await seat.WaitForAnswerAsync(Wait);
        var talking = await second.Ear.WaitForAsync(h => h.Source.StartsWith($"bridge:seatcall-{second.IvrChannelId}", StringComparison.Ordinal), Wait);
        Assert.Contains("seat-2001-", talking.Source);
    }

    [Fact]
    public async Task Caller_hanging_up_while_waiting_leaves_the_line_and_counts_as_abandoned()
    {
        await _rig.SeatAsync("2001");
        await _rig.Board.PauseAsync("2001", "lunch");
        var call = await _rig.CallerAsync("0");
        await _rig.RequestAsync(r => r.PathAndQuery.StartsWith($"/ari/bridges/seathold-{call.IvrChannelId}/moh"), "queue music");

        await call.HangUpAsync();

        await _rig.RequestAsync(r => r.Method == "DELETE" && r.PathAndQuery.StartsWith($"/ari/bridges/seathold-{call.IvrChannelId}"), "holding bridge removed");
        var (waiting, _, today) = await _rig.Board.QueueAsync("general");
        Assert.Equal((0, 1), (waiting, today["abandoned"]));
        Assert.Equal(0, _rig.Router.CallersHere);
    }

    [Fact]
    public async Task Caller_hanging_up_while_the_seat_rings_stops_the_ringing_and_frees_the_seat_without_a_miss()
    {
        var seat = await _rig.SeatAsync("2001", new SeatBehavior { AnswerAfter = null });
        var call = await _rig.CallerAsync("0");
        await _rig.RequestAsync(r => r.Method == "POST" && r.PathAndQuery.Contains("endpoint=PJSIP%2F2001"), "offer to the seat");

        await call.HangUpAsync();

        await _rig.RequestAsync(r => r.Method == "DELETE" && r.PathAndQuery.StartsWith("/ari/channels/seat-2001-"), "seat leg hung up");
        var view = await _rig.SeatStateAsync("2001", s => s.State == SeatState.Available);
        Assert.Null(view.Reason);
        _ = seat;
    }

    [Fact]
    public async Task Waiting_callers_hear_their_position_and_expected_wait_over_the_music()
    {
        await _rig.SeatAsync("2001");
        await _rig.Board.PauseAsync("2001", "meeting");
        var first = await _rig.CallerAsync("0");
        await _rig.RequestAsync(r => r.PathAndQuery.StartsWith($"/ari/bridges/seathold-{first.IvrChannelId}/moh"), "first caller's music");
        var second = await _rig.CallerAsync("0");

        await second.Ear.WaitForAsync("sound:queue-position", Wait);
        // The announcement is played to the caller's channel: it replaces the queue music, which comes back after it.
        await second.Ear.WaitForAsync("moh:default", Wait);

        // One caller ahead; 2 callers × 3 min (nothing handled yet) on no staffed seat (counted as one) = 6 min.
        var heard = second.PlayedMedia.SkipWhile(m => m != "sound:queue-position").Take(5).ToList();
        while (heard.Count < 5)
        {
            await Task.Delay(20);
            heard = second.PlayedMedia.SkipWhile(m => m != "sound:queue-position").Take(5).ToList();
        }
        Assert.Equal(["sound:queue-position", "sound:num-1", "sound:queue-wait", "sound:num-6", "sound:time-minute"], heard);
        var play = await _rig.RequestAsync(r => r.Method == "POST" && r.PathAndQuery.StartsWith($"/ari/channels/{second.IvrChannelId}/play/seatq-"), "announcement");
        Assert.Contains("lang=zh", play.PathAndQuery);
        Assert.DoesNotContain(_rig.Sim.Requests, r => r.PathAndQuery.StartsWith("/ari/bridges/seathold-") && r.PathAndQuery.Contains("/play"));
    }

    [Fact]
    public async Task Key_1_while_waiting_leaves_the_queue_for_the_callback_offer()
    {
        await _rig.SeatAsync("2001");
        await _rig.Board.PauseAsync("2001", "meeting");
        var call = await _rig.CallerAsync("0");
        await _rig.RequestAsync(r => r.PathAndQuery.StartsWith($"/ari/bridges/seathold-{call.IvrChannelId}/moh"), "queue music");

        await call.PressAsync("1");

        await call.WaitForPlaybackAsync("sound:seat-busy", Wait);
        Assert.Equal(0, (await _rig.Board.QueueAsync("general")).Waiting);
    }
}
