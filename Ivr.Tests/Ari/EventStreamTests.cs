using System.Diagnostics;
using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Models;
using Ivr.Tests.Ari.FakeAri;

namespace Ivr.Tests.Ari;

public sealed class EventStreamTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_stream_opens_one_socket_for_the_application_with_subscribe_all_and_delivers_typed_events()
    {
        await using var ari = await ConnectedAri.StartAsync(o => o with { SubscribeAll = true });

        await ari.Server.PushAsync(TraceSamples.Dtmf("c1", "#"));
        await ari.WaitUntil(() => !ari.Events.IsEmpty);

        Assert.Equal("?app=ivr&subscribeAll=true", Assert.Single(ari.Server.EventConnects));
        Assert.Equal("#", Assert.IsType<ChannelDtmfReceived>(Assert.Single(ari.Events)).Digit);
        Assert.Equal(["connected 1"], ari.Notices);
    }

    [Fact]
    public async Task After_an_abrupt_drop_the_stream_reports_it_reconnects_and_events_flow_on_the_new_socket()
    {
        await using var ari = await ConnectedAri.StartAsync();

        ari.Server.DropAbruptly();
        await ari.Server.WaitForSocketAsync(2);
        await ari.WaitUntil(() => ari.Notices.Count == 3);
        await ari.Server.PushAsync(TraceSamples.Dtmf("c1", "5"));
        await ari.WaitUntil(() => !ari.Events.IsEmpty);

        Assert.Equal(["connected 1", "disconnected ConnectionLost reconnect=True", "connected 2"], ari.Notices);
        Assert.Equal("5", Assert.IsType<ChannelDtmfReceived>(Assert.Single(ari.Events)).Digit);
    }

    [Fact]
    public async Task While_Asterisk_refuses_the_socket_the_stream_retries_with_growing_waits()
    {
        var clock = Stopwatch.StartNew();
        await using var ari = await ConnectedAri.StartAsync(
            o => o with { ReconnectInitialDelay = TimeSpan.FromMilliseconds(50), ReconnectMaxDelay = TimeSpan.FromSeconds(2) },
            server => server.RefuseNextConnects = 4);

        // Four refusals wait 50 + 100 + 200 + 400 ms (no jitter) before the fifth attempt succeeds.
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(740), TimeSpan.FromSeconds(5));
        Assert.Equal(["connected 1"], ari.Notices);
    }

    [Theory]
    [InlineData(0, 0.5, 200)]
    [InlineData(1, 0.5, 400)]
    [InlineData(3, 0.5, 1600)]
    [InlineData(10, 0.5, 10000)]
    [InlineData(0, 0.0, 160)]
    [InlineData(0, 1.0, 240)]
    [InlineData(40, 1.0, 12000)]
    public void Backoff_doubles_from_the_initial_wait_up_to_the_maximum_and_jitters_by_the_set_share(int attempt, double random, int expectedMs)
    {
        var options = new AriClientOptions { ReconnectInitialDelay = TimeSpan.FromMilliseconds(200), ReconnectMaxDelay = TimeSpan.FromSeconds(10), ReconnectJitter = 0.2 };

        Assert.Equal(expectedMs, ReconnectBackoff.Delay(attempt, options, random).TotalMilliseconds, precision: 6);
    }

    [Fact]
    public async Task When_another_socket_takes_over_the_application_the_stream_stops_instead_of_taking_it_back()
    {
        await using var ari = await ConnectedAri.StartAsync();

        await ari.Server.PushAsync(TraceSamples.ApplicationReplaced());
        await ari.Stream.Completion.WaitAsync(Patience);
        await Task.Delay(300);

        Assert.Equal(["connected 1", "disconnected Replaced reconnect=False"], ari.Notices);
        Assert.Single(ari.Server.EventConnects);
        Assert.IsType<ApplicationReplaced>(Assert.Single(ari.Events));
    }

    [Fact]
    public async Task A_frame_that_is_not_ari_json_is_skipped_and_the_connection_stays()
    {
        await using var ari = await ConnectedAri.StartAsync();

        await ari.Server.PushAsync("not json");
        await ari.Server.PushAsync("""{"no":"type"}""");
        await ari.Server.PushAsync(TraceSamples.Dtmf("c1", "7"));
        await ari.WaitUntil(() => !ari.Events.IsEmpty);

        Assert.Equal("7", Assert.IsType<ChannelDtmfReceived>(Assert.Single(ari.Events)).Digit);
        Assert.Equal(["connected 1"], ari.Notices);
    }

    [Fact]
    public async Task The_reader_keeps_reading_while_a_handler_is_stuck_so_other_channels_are_served()
    {
        await using var server = await FakeAriServer.StartAsync();
        using var client = new AriClient(server.Options());
        var release = new TaskCompletionSource();
        var freeHandled = new TaskCompletionSource();
        await using var stream = new AriEventStream(client, async (m, _) =>
        {
            var e = (ChannelDtmfReceived)m;
            if (e.Channel.Id == "stuck") await release.Task;
            else freeHandled.TrySetResult();
        }).Start();
        await server.WaitForSocketAsync(1);

        for (var i = 0; i < 500; i++) await server.PushAsync(TraceSamples.Dtmf("stuck", "1"));
        await server.PushAsync(TraceSamples.Dtmf("free", "2"));
        await freeHandled.Task.WaitAsync(Patience);

        Assert.Equal(499, stream.Dispatcher.Queued);
        Assert.True(stream.IsConnected);
        release.SetResult();
        await stream.Dispatcher.WhenIdleAsync().WaitAsync(Patience);
    }
}
