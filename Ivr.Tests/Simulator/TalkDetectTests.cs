namespace Ivr.Tests.Simulator;

/// <summary>TALK_DETECT as in the talk-detect trace: started on voice, finished only after silence frames, never without frames.</summary>
public sealed class TalkDetectTests : SimulatorTest
{
    [Fact]
    public async Task A_local_caller_that_stops_sending_frames_stays_talking()
    {
        var events = await Ari.EventsAsync("ivr,caller");
        var (_, created) = await Ari.PostAsync("channels?endpoint=Local%2F12366%40ivr-entry&app=caller");
        var callerLeg = created.GetProperty("id").GetString();
        var ivrLeg = EventStream.ChannelId(await events.NextAsync(e => EventStream.Type(e) == "StasisStart" && e.GetProperty("application").GetString() == "ivr"));
        await Ari.PostAsync($"channels/{ivrLeg}/variable?variable=TALK_DETECT(set)&value=");
        await Ari.PostAsync($"channels/{callerLeg}/play?media=sound%3Ahello-world");
        await events.NextAsync(e => EventStream.Type(e) == "ChannelTalkingStarted" && e.GetProperty("application").GetString() == "ivr");
        var later = await events.DrainAsync(TimeSpan.FromMilliseconds(600)); // 6 s simulated
        Assert.DoesNotContain(later, e => EventStream.Type(e) == "ChannelTalkingFinished");
        await Ari.PostAsync($"channels/{callerLeg}/play?media=sound%3Asilence%2F3");
        await events.NextAsync(e => EventStream.Type(e) == "ChannelTalkingFinished");
    }

    [Fact]
    public async Task Removing_talk_detection_stops_its_events()
    {
        var (events, call) = await CallInIvrAsync();
        await Ari.PostAsync($"channels/{call.IvrChannelId}/variable?variable=TALK_DETECT(set)&value=");
        await Ari.PostAsync($"channels/{call.IvrChannelId}/variable?variable=TALK_DETECT(remove)&value=");
        await call.SayAsync(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(await events.DrainAsync(TimeSpan.FromMilliseconds(400)), e => EventStream.Type(e).StartsWith("ChannelTalking", StringComparison.Ordinal));
    }
}
