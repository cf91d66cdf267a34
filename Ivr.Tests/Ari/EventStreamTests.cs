using System.Collections.Concurrent;
using System.Diagnostics;
using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Models;
using Ivr.Tests.Ari.FakeAri;

namespace Ivr.Tests.Ari;

public sealed class EventStreamTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    sealed class Recorder
    {
        public ConcurrentQueue<Message> Events { get; } = new();
        public ConcurrentQueue<string> Notices { get; } = new();
        readonly SemaphoreSlim _changed = new(0);

        public ValueTask Handle(Message m, CancellationToken _)
        {
            Events.Enqueue(m);
            _changed.Release();
            return ValueTask.CompletedTask;
        }

        public void Watch(AriEventStream stream)
        {
            stream.Connected += (_, e) => { Notices.Enqueue($"connected {e.ConnectionNumber}"); _changed.Release(); };
            stream.Disconnected += (_, e) => { Notices.Enqueue($"disconnected {e.Reason} reconnect={e.WillReconnect}"); _changed.Release(); };
        }

        public async Task WaitUntil(Func<bool> condition)
        {
            using var timeout = new CancellationTokenSource(Patience);
            while (!condition()) await _changed.WaitAsync(timeout.Token);
        }
    }

    [Fact]
    public async Task The_stream_opens_one_socket_for_the_application_with_subscribe_all_and_delivers_typed_events()
    {
        await using var server = await FakeAriServer.StartAsync();
        using var ari = new AriClient(server.Options() with { SubscribeAll = true });
        var recorder = new Recorder();
        await using var stream = new AriEventStream(ari, recorder.Handle);
        recorder.Watch(stream);
        stream.Start();

        await server.WaitForSocketAsync(1);
        await recorder.WaitUntil(() => stream.IsConnected);
        await server.PushAsync(TraceSamples.Dtmf("c1", "#"));
        await recorder.WaitUntil(() => !recorder.Events.IsEmpty);

        Assert.Equal("?app=ivr&subscribeAll=true", Assert.Single(server.EventConnects));
        Assert.Equal("#", Assert.IsType<ChannelDtmfReceived>(Assert.Single(recorder.Events)).Digit);
        Assert.Equal(["connected 1"], recorder.Notices);
    }

    [Fact]
    public async Task After_an_abrupt_drop_the_stream_reports_it_reconnects_and_events_flow_on_the_new_socket()
    {
        await using var server = await FakeAriServer.StartAsync();
        using var ari = new AriClient(server.Options());
        var recorder = new Recorder();
        await using var stream = new AriEventStream(ari, recorder.Handle);
        recorder.Watch(stream);
        stream.Start();
        await server.WaitForSocketAsync(1);
        await recorder.WaitUntil(() => recorder.Notices.Count == 1);

        server.DropAbruptly();
        await server.WaitForSocketAsync(2);
        await recorder.WaitUntil(() => recorder.Notices.Count == 3);
        await server.PushAsync(TraceSamples.Dtmf("c1", "5"));
        await recorder.WaitUntil(() => !recorder.Events.IsEmpty);

        Assert.Equal(["connected 1", "disconnected ConnectionLost reconnect=True", "connected 2"], recorder.Notices);
        Assert.Equal("5", Assert.IsType<ChannelDtmfReceived>(Assert.Single(recorder.Events)).Digit);
    }

    [Fact]
    public async Task While_Asterisk_refuses_the_socket_the_stream_retries_with_growing_waits()
    {
        await using var server = await FakeAriServer.StartAsync();
        server.RefuseNextConnects = 4;
        using var ari = new AriClient(server.Options() with { ReconnectInitialDelay = TimeSpan.FromMilliseconds(50), ReconnectMaxDelay = TimeSpan.FromSeconds(2) });
        var recorder = new Recorder();
        await using var stream = new AriEventStream(ari, recorder.Handle);
        recorder.Watch(stream);
        var clock = Stopwatch.StartNew();
        stream.Start();

        await server.WaitForSocketAsync(1);

        // Four refusals wait 50 + 100 + 200 + 400 ms (no jitter) before the fifth attempt succeeds.
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(740), TimeSpan.FromSeconds(5));
        await recorder.WaitUntil(() => recorder.Notices.Contains("connected 1"));
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
        await using var server = await FakeAriServer.StartAsync();
        using var ari = new AriClient(server.Options());
        var recorder = new Recorder();
        await using var stream = new AriEventStream(ari, recorder.Handle);
        recorder.Watch(stream);
        stream.Start();
        await server.WaitForSocketAsync(1);
        await recorder.WaitUntil(() => recorder.Notices.Count == 1);

        await server.PushAsync(TraceSamples.ApplicationReplaced());
        await stream.Completion.WaitAsync(Patience);
        await Task.Delay(300);

        Assert.Equal(["connected 1", "disconnected Replaced reconnect=False"], recorder.Notices);
        Assert.Single(server.EventConnects);
        Assert.IsType<ApplicationReplaced>(Assert.Single(recorder.Events));
    }

    [Fact]
    public async Task A_frame_that_is_not_ari_json_is_skipped_and_the_connection_stays()
    {
        await using var server = await FakeAriServer.StartAsync();
        using var ari = new AriClient(server.Options());
        var recorder = new Recorder();
        await using var stream = new AriEventStream(ari, recorder.Handle);
        recorder.Watch(stream);
        stream.Start();
        await server.WaitForSocketAsync(1);

        await server.PushAsync("not json");
        await server.PushAsync("""{"no":"type"}""");
        await server.PushAsync(TraceSamples.Dtmf("c1", "7"));
        await recorder.WaitUntil(() => !recorder.Events.IsEmpty);

        Assert.Equal("7", Assert.IsType<ChannelDtmfReceived>(Assert.Single(recorder.Events)).Digit);
        Assert.DoesNotContain(recorder.Notices, n => n.StartsWith("disconnected", StringComparison.Ordinal));
    }
}
