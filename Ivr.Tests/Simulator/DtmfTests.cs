using System.Text.Json;

namespace Ivr.Tests.Simulator;

/// <summary>DTMF sent over ARI as in the dtmf-burst trace, on a clock the test moves, so late timers can be staged.</summary>
public sealed class DtmfTests : SteppedSimulatorTest
{
    /// <summary>The trace's two requests sent from the caller leg without waiting: <c>111</c> then <c>222</c>, between=50 duration=60.</summary>
    async Task<(EventStream Events, string Ivr, DateTimeOffset Sent)> SendBackToBackAsync()
    {
        var (events, caller, ivr) = await OriginateAsync();
        var sent = Clock.GetUtcNow();
        foreach (var digits in new[] { "111", "222" }) await Ari.PostAsync($"channels/{caller}/dtmf?dtmf={digits}&between=50&duration=60");
        return (events, ivr, sent);
    }

    async Task<List<JsonElement>> DigitsAsync(EventStream events, string channel, int count)
    {
        var digits = new List<JsonElement>();
        while (digits.Count < count) digits.Add(await events.NextAsync("ChannelDtmfReceived", channel));
        return digits;
    }

    [Fact]
    public async Task Two_DTMF_requests_sent_back_to_back_arrive_in_order_and_the_second_starts_250_ms_after_the_first_ends()
    {
        var (events, ivr, sent) = await SendBackToBackAsync();
        Clock.Advance(TimeSpan.FromSeconds(2));

        var digits = await DigitsAsync(events, ivr, 6);
        Assert.Equal("111222", string.Concat(digits.Select(d => d.GetProperty("digit").GetString())));
        // The trace, for POSTs at 54.409/.410: 54.615, .766, .917, then 55.167, .318, .468 (Asterisk adds ~1 ms a digit).
        Assert.Equal([200, 350, 500, 750, 900, 1050], digits.Select(d => (int)(At(d) - sent).TotalMilliseconds));
    }

    [Fact]
    public async Task Two_DTMF_requests_sent_back_to_back_arrive_in_order_even_when_the_machine_fires_every_timer_late()
    {
        var (events, ivr, _) = await SendBackToBackAsync();
        Clock.Stall(TimeSpan.FromSeconds(3));
        Clock.Advance(TimeSpan.FromSeconds(2));

        var digits = await DigitsAsync(events, ivr, 6);
        Assert.Equal("111222", string.Concat(digits.Select(d => d.GetProperty("digit").GetString())));
    }

    [Fact]
    public async Task A_play_on_the_channel_that_is_sending_DTMF_waits_until_the_digits_and_the_pause_after_them_are_done()
    {
        var (events, _, ivr) = await OriginateAsync();
        var sent = Clock.GetUtcNow();
        await Ari.PostAsync($"channels/{ivr}/dtmf?dtmf=12");
        await Ari.PostAsync($"channels/{ivr}/play/after-dtmf?media=sound%3Abeep");
        Clock.Advance(TimeSpan.FromSeconds(1));

        var started = await events.NextAsync("PlaybackStarted");
        // 100 ms of quiet, then two digits of 100 ms each followed by a 100 ms pause, as app_control_dtmf sleeps them.
        Assert.Equal(500, (int)(At(started) - sent).TotalMilliseconds);
    }
}
