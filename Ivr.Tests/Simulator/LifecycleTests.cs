using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using Ivr.Simulator;

namespace Ivr.Tests.Simulator;

/// <summary>Socket and process life as in the ws-reconnect and asterisk-restart traces.</summary>
public sealed class LifecycleTests : SimulatorTest
{
    [Fact]
    public async Task A_newer_socket_for_the_same_app_takes_over_and_the_old_one_gets_application_replaced()
    {
        var (first, call) = await CallInIvrAsync();
        var second = await Ari.EventsAsync("ivr");
        var replaced = await first.NextAsync("ApplicationReplaced");
        Assert.Equal("ivr", replaced.GetProperty("application").GetString());
        await call.PressAsync("5");
        await second.NextAsync("ChannelDtmfReceived", call.IvrChannelId);
        Assert.DoesNotContain(await first.DrainAsync(TimeSpan.FromMilliseconds(100)), e => EventStream.Type(e) == "ChannelDtmfReceived");
    }

    [Fact]
    public async Task Events_during_a_gap_are_dropped_but_the_channel_stays_controllable_and_subscribed()
    {
        var (events, call) = await CallInIvrAsync();
        await Sim.DropEventSocketsAsync();
        Assert.Null(await events.Closed.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        await call.PressAsync("1");
        Assert.Equal(204, (await Ari.PostAsync($"channels/{call.IvrChannelId}/variable?variable=GAP&value=1")).Status);
        var app = (await Ari.GetAsync("applications/ivr")).Body;
        Assert.Contains(app.GetProperty("channel_ids").EnumerateArray(), id => id.GetString() == call.IvrChannelId);
        var again = await Ari.EventsAsync("ivr");
        await call.PressAsync("2");
        var dtmf = await again.NextAsync(e => EventStream.Type(e) is "ChannelDtmfReceived" or "ChannelVarset");
        Assert.Equal("2", dtmf.GetProperty("digit").GetString());
    }

    [Fact]
    public async Task When_the_last_socket_closes_with_no_channels_the_app_is_gone_and_stasis_fails()
    {
        var callerEvents = await Ari.EventsAsync("caller");
        var events = await Ari.EventsAsync("ivr");
        await events.DisposeAsync();
        await WaitUntilAsync(async () => (await Ari.GetAsync("applications/ivr")).Status == 404);
        await Ari.PostAsync("channels?endpoint=Local%2F12366%40ivr-entry&app=caller&channelId=nows-caller&otherChannelId=nows-ivr");
        var failed = await callerEvents.NextAsync(e => EventStream.Type(e) == "ChannelVarset" && e.GetProperty("value").GetString() == "FAILED");
        Assert.Equal("nows-ivr", EventStream.ChannelId(failed));
        var destroyed = await callerEvents.NextAsync("ChannelDestroyed", "nows-ivr");
        Assert.Equal(16, destroyed.GetProperty("cause").GetInt32());
    }

    [Fact]
    public async Task Stopping_asterisk_hangs_up_with_cause_4_drops_sockets_and_refuses_then_boots_with_fresh_ids()
    {
        var (events, call) = await CallInIvrAsync();
        var stopping = Sim.StopAsteriskAsync();
        var request = await events.NextAsync("ChannelHangupRequest", call.IvrChannelId);
        Assert.Equal((4, true), (request.GetProperty("cause").GetInt32(), request.GetProperty("soft").GetBoolean()));
        await events.NextAsync("StasisEnd", call.IvrChannelId);
        Assert.Null(await events.Closed.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        await stopping;
        await Assert.ThrowsAsync<HttpRequestException>(() => Ari.Http.GetAsync("asterisk/ping"));
        await Sim.StartAsteriskAsync();
        Assert.Equal(200, (await Ari.GetAsync("asterisk/ping")).Status);
        Assert.Equal(404, (await Ari.GetAsync($"channels/{call.IvrChannelId}")).Status);
        var next = await CallInIvrAsync();
        Assert.EndsWith(".1", next.Call.IvrChannelId);
    }

    [Fact]
    public async Task While_stopping_rest_answers_503_html()
    {
        var stopping = Sim.StopAsteriskAsync();
        await Task.Delay(50); // past the 0.2 s (simulated) of normal answers at speed 10
        using var response = await Ari.Http.GetAsync("asterisk/ping");
        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        await stopping;
    }

    static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition()) return;
            await Task.Delay(20);
        }
        Assert.Fail("condition not met within 2 s");
    }
}
