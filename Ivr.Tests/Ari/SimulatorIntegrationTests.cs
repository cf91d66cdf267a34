using Ivr.Ari;
using Ivr.Ari.Errors;
using Ivr.Ari.Handles;
using Ivr.Ari.Models;
using Ivr.Simulator;
using Ivr.Tests.Ari.FakeAri;

namespace Ivr.Tests.Ari;

/// <summary>The client against the Asterisk simulator (which behaves as the recorded Asterisk 22 traces show).</summary>
public sealed class SimulatorIntegrationTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    static async Task<(ConnectedAri Ari, AsteriskSimulator Sim)> StartAsync()
    {
        var sim = await AsteriskSimulator.StartAsync(new SimulatorOptions { Speed = 10 });
        var ari = await ConnectedAri.StartAsync(sim, new AriClientOptions
        {
            BaseUrl = sim.AriUrl,
            User = sim.User,
            Password = sim.Password,
            Application = "ivr",
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        });
        return (ari, sim);
    }

    [Fact]
    public async Task A_caller_is_answered_hears_a_prompt_to_the_end_presses_a_key_and_is_hung_up()
    {
        var (ari, sim) = await StartAsync();
        await using var _ = ari;
        var call = await sim.DialAsync("12366", callerId: "13800000000");
        var start = await ari.WaitForEventAsync<StasisStart>(e => e.Channel.Id == call.IvrChannelId);

        var prompt = await ari.Client.Channels.StartPlaybackAsync(call.IvrChannelId, ["sound:hello-world"]);
        Assert.Equal("sound:hello-world", await call.WaitForPlaybackAsync("sound:hello-world", Patience));
        var finished = await prompt.Finished.WaitAsync(Patience);
        await call.PressAsync("1#");
        var digits = await WaitForDigitsAsync(ari, call.IvrChannelId, 2);
        await ari.Client.Channels.HangupAsync(call.IvrChannelId, reason: "normal");
        await ari.WaitForEventAsync<StasisEnd>(e => e.Channel.Id == call.IvrChannelId);

        Assert.Equal("13800000000", start.Channel.Caller.Number);
        Assert.Equal(AriHandleOutcome.Done, finished.Outcome);
        Assert.Equal("1#", digits);
        Assert.False(await ari.Client.Channels.HangupAsync(call.IvrChannelId).IgnoreNotFound());
    }

    [Fact]
    public async Task After_the_event_socket_drops_the_client_reconnects_and_the_call_is_still_there_to_rebuild_from()
    {
        var (ari, sim) = await StartAsync();
        await using var _ = ari;
        var call = await sim.DialAsync("12366");
        await ari.WaitForEventAsync<StasisStart>(e => e.Channel.Id == call.IvrChannelId);

        await sim.DropEventSocketsAsync();
        await ari.WaitUntil(() => ari.Notices.Contains("connected 2"));
        var app = await ari.Client.Applications.GetAsync("ivr");
        var channel = await ari.Client.Channels.GetAsync(call.IvrChannelId);
        await call.PressAsync("5");
        await WaitForDigitsAsync(ari, call.IvrChannelId, 1);

        Assert.Contains(call.IvrChannelId, app.ChannelIds);
        Assert.Equal("Up", channel.State);
        Assert.Equal(["connected 1", "disconnected ConnectionLost reconnect=True", "connected 2"], ari.Notices);
    }

    [Fact]
    public async Task While_asterisk_is_stopped_rest_calls_are_transient_errors_and_the_events_come_back_after_it_starts()
    {
        var (ari, sim) = await StartAsync();
        await using var _ = ari;

        await sim.StopAsteriskAsync();
        var down = await Assert.ThrowsAsync<AriUnavailableException>(() => ari.Client.Asterisk.PingAsync());
        await sim.StartAsteriskAsync();
        await ari.WaitUntil(() => ari.Stream.IsConnected && ari.Notices.Count(n => n.StartsWith("connected", StringComparison.Ordinal)) >= 2);
        var call = await sim.DialAsync("12366");
        await ari.WaitForEventAsync<StasisStart>(e => e.Channel.Id == call.IvrChannelId);

        Assert.True(down.IsTransient);
        Assert.Equal("pong", (await ari.Client.Asterisk.PingAsync()).Ping);
    }

    [Fact]
    public async Task Originating_to_a_busy_seat_ends_failed_with_dial_status_busy_and_to_a_free_seat_enters_the_application()
    {
        var (ari, sim) = await StartAsync();
        await using var _ = ari;

        var busy = await ari.Client.Channels.StartOriginateAsync("Local/busy@seats", "ivr");
        var free = await ari.Client.Channels.StartOriginateAsync("Local/seat@seats", "ivr", appArgs: "seat");
        var busyResult = await busy.Completion.WaitAsync(Patience);
        var freeResult = await free.Completion.WaitAsync(Patience);

        Assert.Equal(OriginateStatus.Failed, busyResult.Status);
        Assert.Equal("BUSY", busyResult.LastDialStatus);
        Assert.Equal(OriginateStatus.InApplication, freeResult.Status);
        Assert.Equal(free.ChannelId, freeResult.Channel!.Id);
    }

    static async Task<string> WaitForDigitsAsync(ConnectedAri ari, string channelId, int count)
    {
        string Digits() => string.Concat(ari.Events.OfType<ChannelDtmfReceived>().Where(e => e.Channel.Id == channelId).Select(e => e.Digit));
        await ari.WaitUntil(() => Digits().Length >= count);
        return Digits();
    }
}
