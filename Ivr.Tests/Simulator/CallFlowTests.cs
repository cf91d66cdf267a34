using System.Text.Json;

namespace Ivr.Tests.Simulator;

/// <summary>A caller dials in, enters Stasis, hears prompts, presses digits and hangs up — against the simulator over real sockets.</summary>
public sealed class CallFlowTests : SimulatorTest
{
    [Fact]
    public async Task A_request_without_credentials_gets_401_with_asterisks_message()
    {
        using var anonymous = new HttpClient { BaseAddress = Sim.AriUrl };
        var response = await anonymous.GetAsync("asterisk/info");
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("""{"message":"Authentication required"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_dialled_call_enters_the_ivr_app_answered_at_priority_two()
    {
        var events = await Ari.EventsAsync("ivr");
        var call = await Sim.DialAsync("12366");
        var start = await events.NextAsync("StasisStart", call.IvrChannelId);
        var channel = start.GetProperty("channel");
        Assert.Equal("Up", channel.GetProperty("state").GetString());
        Assert.Equal("ivr", start.GetProperty("application").GetString());
        Assert.Equal(2, channel.GetProperty("dialplan").GetProperty("priority").GetInt32());
        Assert.Equal("Stasis", channel.GetProperty("dialplan").GetProperty("app_name").GetString());
        Assert.Matches(@"^Local/12366@ivr-entry-[0-9a-f]{8};2$", channel.GetProperty("name").GetString());
        Assert.Matches(@"^\d+\.\d+$", channel.GetProperty("id").GetString());
        Assert.Equal("13800000000", channel.GetProperty("caller").GetProperty("number").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$", start.GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task A_playback_is_queued_then_started_then_finished_done_and_the_call_sees_it()
    {
        var (events, call) = await CallInIvrAsync();
        var (status, body) = await Ari.PostAsync($"channels/{call.IvrChannelId}/play/pb-1?media=sound%3Ahello-world");
        Assert.Equal(201, status);
        Assert.Equal("queued", body.GetProperty("state").GetString());
        Assert.Equal("channel:" + call.IvrChannelId, body.GetProperty("target_uri").GetString());
        Assert.Equal("sound:hello-world", await call.WaitForPlaybackAsync());
        var started = await events.NextAsync("PlaybackStarted");
        Assert.Equal("playing", started.GetProperty("playback").GetProperty("state").GetString());
        var finished = await events.NextAsync("PlaybackFinished");
        Assert.Equal("done", finished.GetProperty("playback").GetProperty("state").GetString());
        Assert.Equal(404, (await Ari.GetAsync("playbacks/pb-1")).Status);
    }

    [Fact]
    public async Task A_media_list_skips_a_missing_file_with_continuing_and_still_ends_done()
    {
        var (events, call) = await CallInIvrAsync();
        await Ari.PostAsync($"channels/{call.IvrChannelId}/play/pb-list?media=sound%3Abeep%2Csound%3Ano-such-file%2Csound%3Abeep");
        var seen = new List<string>();
        JsonElement e;
        do
        {
            e = await events.NextAsync(x => EventStream.Type(x).StartsWith("Playback", StringComparison.Ordinal));
            seen.Add($"{EventStream.Type(e)}:{e.GetProperty("playback").GetProperty("media_uri").GetString()}");
        } while (EventStream.Type(e) != "PlaybackFinished");
        Assert.Equal(
            ["PlaybackStarted:sound:beep", "PlaybackContinuing:sound:beep", "PlaybackStarted:sound:no-such-file",
             "PlaybackContinuing:sound:no-such-file", "PlaybackStarted:sound:beep", "PlaybackFinished:sound:beep"], seen);
        Assert.Equal("done", e.GetProperty("playback").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_single_missing_sound_fails_and_repeated_media_parameters_use_the_last_one()
    {
        var (events, call) = await CallInIvrAsync();
        var (_, body) = await Ari.PostAsync($"channels/{call.IvrChannelId}/play?media=sound%3Abeep&media=sound%3Ano-such-sound-file");
        Assert.Equal("sound:no-such-sound-file", body.GetProperty("media_uri").GetString());
        var finished = await events.NextAsync("PlaybackFinished");
        Assert.Equal("failed", finished.GetProperty("playback").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Digits_pressed_by_the_caller_arrive_one_event_per_digit_in_order_on_the_ivr_leg()
    {
        var (events, call) = await CallInIvrAsync();
        await call.PressAsync("1234#");
        var digits = "";
        for (var i = 0; i < 5; i++)
        {
            var e = await events.NextAsync("ChannelDtmfReceived", call.IvrChannelId);
            Assert.Equal(100, e.GetProperty("duration_ms").GetInt32());
            digits += e.GetProperty("digit").GetString();
        }
        Assert.Equal("1234#", digits);
    }

    [Fact]
    public async Task Deleting_a_playback_finishes_it_done_at_once()
    {
        var (events, call) = await CallInIvrAsync();
        await Ari.PostAsync($"channels/{call.IvrChannelId}/play/pb-long?media=sound%3Att-monkeys");
        await events.NextAsync("PlaybackStarted");
        Assert.Equal("playing", (await Ari.GetAsync("playbacks/pb-long")).Body.GetProperty("state").GetString());
        Assert.Equal(204, (await Ari.DeleteAsync("playbacks/pb-long")).Status);
        var finished = await events.NextAsync("PlaybackFinished", timeout: TimeSpan.FromMilliseconds(500));
        Assert.Equal("done", finished.GetProperty("playback").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Hanging_up_the_ivr_leg_sends_the_traced_hangup_request_then_stasis_end_and_ends_the_call()
    {
        var (events, call) = await CallInIvrAsync();
        Assert.Equal(204, (await Ari.DeleteAsync($"channels/{call.IvrChannelId}")).Status);
        var request = await events.NextAsync("ChannelHangupRequest", call.IvrChannelId);
        Assert.Equal(32, request.GetProperty("cause").GetInt32());
        Assert.True(request.GetProperty("soft").GetBoolean());
        await events.NextAsync("StasisEnd", call.IvrChannelId);
        Assert.Equal(16, await call.WaitForHangupAsync());
        Assert.Equal(404, (await Ari.GetAsync($"channels/{call.IvrChannelId}")).Status);
        Assert.Empty(await events.DrainAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task The_caller_hanging_up_gives_the_ivr_leg_a_plain_hangup_request_and_stasis_end()
    {
        var (events, call) = await CallInIvrAsync();
        await call.HangUpAsync();
        var request = await events.NextAsync("ChannelHangupRequest", call.IvrChannelId);
        Assert.Equal(16, request.GetProperty("cause").GetInt32());
        Assert.False(request.TryGetProperty("soft", out _));
        await events.NextAsync("StasisEnd", call.IvrChannelId);
        Assert.Equal(16, await call.WaitForHangupAsync());
    }

    [Fact]
    public async Task Every_rest_request_is_recorded_with_its_status()
    {
        await Ari.GetAsync("channels/does-not-exist");
        var last = Sim.Requests[^1];
        Assert.Equal(("GET", "/ari/channels/does-not-exist", 404), (last.Method, last.PathAndQuery, last.Status));
    }
}
