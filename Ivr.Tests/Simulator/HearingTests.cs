using Ivr.Simulator;
using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Simulator;

/// <summary>
/// What virtual callers and seats hear through holding and mixing bridges, as the holding-queue trace shows it
/// (deployment dialplan: seats are <c>Local/{seat}@seats</c>, which dials the virtual seat's PJSIP endpoint).
/// </summary>
public sealed class HearingTests : SimulatorTest
{
    protected override SimulatorOptions Options => new() { Speed = 10, DialplanPath = Path.Combine(Servers.RepoRoot(), "asterisk-config", "extensions.conf") };

    async Task<(EventStream Events, VirtualCall Call, string Bridge)> CallerHeldAsync()
    {
        var (events, call) = await CallInIvrAsync();
        var bridge = (await Ari.PostAsync("bridges?type=holding&name=queue")).Body.GetProperty("id").GetString()!;
        Assert.Equal(204, (await Ari.PostAsync($"bridges/{bridge}/addChannel?channel={call.IvrChannelId}&role=participant")).Status);
        return (events, call, bridge);
    }

    [Fact]
    public async Task A_caller_alone_in_a_holding_bridge_hears_nothing_until_bridge_moh_starts()
    {
        var (_, call, bridge) = await CallerHeldAsync();
        Assert.Equal(Heard.Silence, call.Hearing);
        await Ari.PostAsync($"bridges/{bridge}/moh?mohClass=default");
        Assert.Equal(new Heard("moh:default", true), await call.Ear.WaitForAsync("moh:default"));
        await Ari.DeleteAsync($"bridges/{bridge}/moh");
        await call.Ear.WaitForAsync("silence");
    }

    [Fact]
    public async Task A_bridge_playback_while_bridge_moh_runs_fails_and_the_caller_keeps_hearing_moh()
    {
        var (events, call, bridge) = await CallerHeldAsync();
        await Ari.PostAsync($"bridges/{bridge}/moh");
        await Ari.PostAsync($"bridges/{bridge}/play/pb-a?media=sound%3Aqueue-thankyou");
        Assert.Equal("failed", (await events.NextAsync("PlaybackFinished")).GetProperty("playback").GetProperty("state").GetString());
        Assert.Equal("moh:default", call.Hearing.Source);
    }

    [Fact]
    public async Task Bridge_moh_started_during_a_bridge_announcement_is_not_heard_even_after_it_ends()
    {
        var (events, call, bridge) = await CallerHeldAsync();
        await Ari.PostAsync($"bridges/{bridge}/play/pb-a?media=sound%3Aqueue-periodic-announce");
        await call.Ear.WaitForAsync("sound:queue-periodic-announce");
        Assert.Equal(204, (await Ari.PostAsync($"bridges/{bridge}/moh")).Status);
        Assert.Equal("sound:queue-periodic-announce", call.Hearing.Source);
        Assert.Equal("done", (await events.NextAsync("PlaybackFinished")).GetProperty("playback").GetProperty("state").GetString());
        Assert.Equal(Heard.Silence, call.Hearing);
    }

    [Fact]
    public async Task A_channel_playback_replaces_bridge_moh_for_that_caller_and_the_moh_comes_back_after()
    {
        var (events, call, bridge) = await CallerHeldAsync();
        await Ari.PostAsync($"bridges/{bridge}/moh");
        await call.Ear.WaitForAsync("moh:default");
        await Ari.PostAsync($"channels/{call.IvrChannelId}/play/pb-pos?media=sound%3Ahello-world");
        await call.Ear.WaitForAsync("sound:hello-world");
        await events.NextAsync("PlaybackFinished");
        Assert.Equal("moh:default", call.Hearing.Source);
    }

    [Fact]
    public async Task A_recording_on_the_callers_leg_hears_the_bridge_moh_for_as_long_as_it_runs()
    {
        // As in the holding-queue trace: the caller leg is an originated ;1 in app caller, so that it can be recorded.
        var events = await Ari.EventsAsync("ivr,caller");
        await Ari.PostAsync("channels?endpoint=Local%2F12366%40ivr-entry&app=caller&channelId=c1&otherChannelId=c2");
        await events.NextAsync(e => EventStream.Type(e) == "StasisStart" && EventStream.ChannelId(e) == "c2" && e.GetProperty("application").GetString() == "ivr");
        var bridge = (await Ari.PostAsync("bridges?type=holding")).Body.GetProperty("id").GetString()!;
        await Ari.PostAsync($"bridges/{bridge}/addChannel?channel=c2");
        await Ari.PostAsync($"bridges/{bridge}/moh");
        Assert.Equal(201, (await Ari.PostAsync("channels/c1/record?name=held&format=wav&ifExists=overwrite")).Status);
        // Without frames the recorder would end by itself after 4.4 s; the MOH keeps it going.
        await Task.Delay(TimeSpan.FromSeconds(5.5 / 10));
        Assert.Equal(204, (await Ari.PostAsync("recordings/live/held/stop")).Status);
        var finished = await events.NextAsync("RecordingFinished", timeout: TimeSpan.FromSeconds(5));
        Assert.InRange(finished.GetProperty("recording").GetProperty("duration").GetInt32(), 5, 6);
    }

    [Fact]
    public async Task A_mixing_bridge_carries_caller_and_seat_voices_to_each_other()
    {
        var seat = Sim.AddSeat("2001", new Ivr.Simulator.Seats.SeatBehavior { AnswerAfter = TimeSpan.FromSeconds(1) });
        var (events, call) = await CallInIvrAsync();
        var bridge = (await Ari.PostAsync("bridges?type=mixing&name=talk")).Body.GetProperty("id").GetString()!;
        await Ari.PostAsync("channels?endpoint=Local%2F2001%40seats&app=ivr&appArgs=seat&channelId=s1&otherChannelId=s2");
        await events.NextAsync("StasisStart", "s1");
        await Ari.PostAsync($"bridges/{bridge}/addChannel?channel={call.IvrChannelId},s1");
        Assert.Equal(new Heard($"bridge:{bridge}:s1", false), await call.Ear.WaitForAsync($"bridge:{bridge}:s1"));
        Assert.Equal(new Heard($"bridge:{bridge}:{call.IvrChannelId}", false), await seat.Ear.WaitForAsync($"bridge:{bridge}:{call.IvrChannelId}"));

        var talking = call.SayAsync(TimeSpan.FromSeconds(2));
        await seat.Ear.WaitForAsync(h => h.Voice);
        await talking;
        Assert.False(seat.Hearing.Voice);

        var answering = seat.SayAsync(TimeSpan.FromSeconds(2));
        await call.Ear.WaitForAsync(h => h.Voice);
        await answering;
        Assert.False(call.Hearing.Voice);
    }

    [Fact]
    public async Task When_the_bridged_seat_hangs_up_the_caller_gets_no_event_and_hears_nothing()
    {
        var seat = Sim.AddSeat("2001");
        var (events, call) = await CallInIvrAsync();
        var bridge = (await Ari.PostAsync("bridges?type=mixing")).Body.GetProperty("id").GetString()!;
        await Ari.PostAsync("channels?endpoint=Local%2F2001%40seats&app=ivr&channelId=s1&otherChannelId=s2");
        await events.NextAsync("StasisStart", "s1");
        await Ari.PostAsync($"bridges/{bridge}/addChannel?channel={call.IvrChannelId},s1");
        await seat.Ear.WaitForAsync(h => h.Source.StartsWith("bridge:", StringComparison.Ordinal));
        await events.DrainAsync(TimeSpan.FromMilliseconds(100));

        await seat.HangUpAsync();
        var seen = new List<System.Text.Json.JsonElement>();
        await events.NextAsync(e => EventStream.Type(e) == "StasisEnd" && EventStream.ChannelId(e) == "s1", skipped: seen);
        await call.Ear.WaitForAsync("silence");
        Assert.Equal(Heard.Silence, seat.Hearing);
        seen.AddRange(await events.DrainAsync(TimeSpan.FromMilliseconds(300)));
        Assert.DoesNotContain(seen, e => EventStream.ChannelId(e) == call.IvrChannelId);
        var ivrLeg = (await Ari.GetAsync($"bridges/{bridge}")).Body.GetProperty("channels");
        Assert.Equal(call.IvrChannelId, Assert.Single(ivrLeg.EnumerateArray()).GetString());
    }
}
