using System.Text.Json;
using Ivr.Simulator;

namespace Ivr.Tests.Simulator;

/// <summary>DTMF sent over ARI as in the dtmf-burst trace, on a clock the test moves, so late timers can be staged.</summary>
public sealed class DtmfTests : SimulatorTest
{
    readonly StepClock clock = new(new DateTimeOffset(2026, 11, 22, 16, 54, 54, TimeSpan.Zero));

    protected override SimulatorOptions Options => new() { TimeProvider = clock };

    /// <summary>A call as the trace's driver made it: originated with app=caller, so its ;1 leg takes ARI commands too.</summary>
    async Task<(EventStream Events, string Caller, string Ivr)> CallAsync()
    {
        var events = await Ari.EventsAsync("ivr");
        var (_, caller) = await Ari.PostAsync("channels?endpoint=Local%2F12366%40ivr-entry&app=caller");
        clock.Advance(TimeSpan.FromSeconds(1)); // Answer() waits 500 ms for media before Stasis()
        var start = await events.NextAsync("StasisStart");
        Assert.EndsWith(";2", start.GetProperty("channel").GetProperty("name").GetString());
        return (events, caller.GetProperty("id").GetString()!, EventStream.ChannelId(start)!);
    }

    /// <summary>ARI's timestamp (<c>2026-11-22T16:54:58.416+0000</c>) has no colon in its offset.</summary>
    static DateTimeOffset At(JsonElement e)
    {
        var text = e.GetProperty("timestamp").GetString()!;
        return DateTimeOffset.Parse(text.Insert(text.Length - 2, ":"), System.Globalization.CultureInfo.InvariantCulture);
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
        var (events, caller, ivr) = await CallAsync();
        var sent = clock.GetUtcNow();
        await Ari.PostAsync($"channels/{caller}/dtmf?dtmf=111&between=50&duration=60");
        await Ari.PostAsync($"channels/{caller}/dtmf?dtmf=222&between=50&duration=60");
        clock.Advance(TimeSpan.FromSeconds(2));

        var digits = await DigitsAsync(events, ivr, 6);
        Assert.Equal("111222", string.Concat(digits.Select(d => d.GetProperty("digit").GetString())));
        // The trace, for POSTs at 54.409/.410: 54.615, .766, .917, then 55.167, .318, .468 (Asterisk adds ~1 ms a digit).
        Assert.Equal([200, 350, 500, 750, 900, 1050], digits.Select(d => (int)(At(d) - sent).TotalMilliseconds));
    }

    [Fact]
    public async Task Two_DTMF_requests_sent_back_to_back_arrive_in_order_even_when_the_machine_fires_every_timer_late()
    {
        var (events, caller, ivr) = await CallAsync();
        await Ari.PostAsync($"channels/{caller}/dtmf?dtmf=111&between=50&duration=60");
        await Ari.PostAsync($"channels/{caller}/dtmf?dtmf=222&between=50&duration=60");
        clock.Stall(TimeSpan.FromSeconds(3));
        clock.Advance(TimeSpan.FromSeconds(2));

        var digits = await DigitsAsync(events, ivr, 6);
        Assert.Equal("111222", string.Concat(digits.Select(d => d.GetProperty("digit").GetString())));
    }

    [Fact]
    public async Task A_play_on_the_channel_that_is_sending_DTMF_waits_until_the_digits_and_the_pause_after_them_are_done()
    {
        var (events, caller, ivr) = await CallAsync();
        var sent = clock.GetUtcNow();
        await Ari.PostAsync($"channels/{ivr}/dtmf?dtmf=12");
        await Ari.PostAsync($"channels/{ivr}/play/after-dtmf?media=sound%3Abeep");
        clock.Advance(TimeSpan.FromSeconds(1));

        var started = await events.NextAsync("PlaybackStarted");
        // 100 ms of quiet, then two digits of 100 ms each followed by a 100 ms pause, as app_control_dtmf sleeps them.
        Assert.Equal(500, (int)(At(started) - sent).TotalMilliseconds);
    }
}
