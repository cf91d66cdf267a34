namespace Ivr.Tests.Simulator;

/// <summary>The talking time TALK_DETECT reports (talk-detect trace), on a stepped clock so that late timers cannot stretch it.</summary>
public sealed class TalkDurationTests : SteppedSimulatorTest
{
    [Fact]
    public async Task Talking_starts_on_voice_and_finishes_after_the_silence_threshold_with_the_talking_time()
    {
        var (events, call) = await DialAsync();
        Assert.Equal(204, (await Ari.PostAsync($"channels/{call.IvrChannelId}/variable?variable=TALK_DETECT(set)&value=1000")).Status);
        var said = call.SayAsync(TimeSpan.FromSeconds(2));
        Clock.Advance(TimeSpan.FromSeconds(4));
        await said;
        var started = await events.NextAsync("ChannelTalkingStarted", call.IvrChannelId);
        var finished = await events.NextAsync("ChannelTalkingFinished", call.IvrChannelId);
        Assert.InRange(finished.GetProperty("duration").GetInt32(), 1700, 2100);
        // Finished comes once the 1000 ms of silence have passed after the voice.
        Assert.InRange((At(finished) - At(started)).TotalMilliseconds, 2000, 3200);
    }
}
