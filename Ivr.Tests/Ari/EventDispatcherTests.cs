using System.Collections.Concurrent;
using System.Text;
using Ivr.Ari.Events;
using Ivr.Ari.Json;
using Ivr.Ari.Models;
using Ivr.Tests.Ari.FakeAri;

namespace Ivr.Tests.Ari;

public sealed class EventDispatcherTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Events_of_one_channel_are_handled_in_order_while_200_channels_run_concurrently()
    {
        var seen = new ConcurrentDictionary<string, List<string>>();
        var running = 0;
        var maxRunning = 0;
        await using var dispatcher = new AriEventDispatcher(async (m, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            var e = (ChannelDtmfReceived)m;
            lock (seen.GetOrAdd(e.Channel.Id, _ => [])) seen[e.Channel.Id].Add(e.Digit);
            if (e.Digit.EndsWith('0')) await Task.Delay(1);
            Interlocked.Decrement(ref running);
        });

        for (var i = 0; i < 50; i++)
            for (var c = 0; c < 200; c++)
                dispatcher.Post(TraceSamples.Dtmf($"ch-{c}", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await dispatcher.WhenIdleAsync().WaitAsync(Patience);

        Assert.Equal(200, seen.Count);
        var expected = Enumerable.Range(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (_, digits) in seen) Assert.Equal(expected, digits);
        Assert.True(maxRunning > 1, "lanes should run concurrently");
        Assert.Equal(0, dispatcher.Dropped);
    }

    [Fact]
    public async Task A_slow_handler_for_one_channel_does_not_delay_another_channel()
    {
        var releaseA = new TaskCompletionSource();
        var bDone = new TaskCompletionSource();
        var bCount = 0;
        await using var dispatcher = new AriEventDispatcher(async (m, _) =>
        {
            var id = ((ChannelDtmfReceived)m).Channel.Id;
            if (id == "A") await releaseA.Task;
            else if (Interlocked.Increment(ref bCount) == 10) bDone.SetResult();
        });

        dispatcher.Post(TraceSamples.Dtmf("A", "1"));
        dispatcher.Post(TraceSamples.Dtmf("A", "2"));
        for (var i = 0; i < 10; i++) dispatcher.Post(TraceSamples.Dtmf("B", "1"));

        await bDone.Task.WaitAsync(Patience);
        Assert.False(dispatcher.WhenIdleAsync().IsCompleted);
        releaseA.SetResult();
        await dispatcher.WhenIdleAsync().WaitAsync(Patience);
    }

    [Fact]
    public async Task A_handler_that_throws_is_logged_and_its_lane_goes_on()
    {
        var handled = new ConcurrentQueue<string>();
        await using var dispatcher = new AriEventDispatcher((m, _) =>
        {
            var digit = ((ChannelDtmfReceived)m).Digit;
            if (digit == "1") throw new InvalidOperationException("handler bug");
            handled.Enqueue(digit);
            return ValueTask.CompletedTask;
        });

        foreach (var d in new[] { "1", "2", "3" }) dispatcher.Post(TraceSamples.Dtmf("A", d));
        await dispatcher.WhenIdleAsync().WaitAsync(Patience);

        Assert.Equal(["2", "3"], handled);
    }

    [Fact]
    public async Task When_a_channels_queue_is_full_new_events_are_dropped_and_counted_in_a_marker_at_that_point_of_its_lane()
    {
        var release = new TaskCompletionSource();
        var seen = new ConcurrentQueue<(string Lane, string What)>();
        await using var dispatcher = new AriEventDispatcher(async (m, _) =>
        {
            switch (m)
            {
                case ChannelDtmfReceived e:
                    seen.Enqueue((e.Channel.Id, e.Digit));
                    if (e.Channel.Id == "stuck" && e.Digit == "0") await release.Task;
                    break;
                case AriEventsDropped d:
                    seen.Enqueue((d.Key.Id, $"dropped {d.Count}"));
                    break;
            }
        }, capacityPerKey: 5, capacityTotal: 100);

        dispatcher.Post(TraceSamples.Dtmf("stuck", "0"));
        while (seen.IsEmpty) await Task.Delay(5);
        var posting = Task.Run(() =>
        {
            for (var i = 1; i <= 20; i++) dispatcher.Post(TraceSamples.Dtmf("stuck", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            dispatcher.Post(TraceSamples.Dtmf("free", "x"));
        });
        await posting.WaitAsync(Patience); // Post never waits for a handler, or this would time out

        while (!seen.Contains(("free", "x"))) await Task.Delay(5);
        release.SetResult();
        dispatcher.Post(TraceSamples.Dtmf("stuck", "21"));
        await dispatcher.WhenIdleAsync().WaitAsync(Patience);

        Assert.Equal(["0", "1", "2", "3", "4", "5", "dropped 15", "21"], seen.Where(s => s.Lane == "stuck").Select(s => s.What));
        Assert.Equal(15, dispatcher.Dropped);
    }

    [Fact]
    public async Task When_all_lanes_together_reach_the_total_limit_further_events_are_dropped_with_a_marker()
    {
        var release = new TaskCompletionSource();
        var markers = new ConcurrentQueue<AriEventsDropped>();
        await using var dispatcher = new AriEventDispatcher(async (m, _) =>
        {
            if (m is AriEventsDropped d) markers.Enqueue(d);
            else await release.Task;
        }, capacityPerKey: 10, capacityTotal: 10);

        for (var c = 0; c < 12; c++)
            for (var i = 0; i < 3; i++) dispatcher.Post(TraceSamples.Dtmf($"c{c}", "1"));
        release.SetResult();
        await dispatcher.WhenIdleAsync().WaitAsync(Patience);

        Assert.True(dispatcher.Dropped > 0);
        Assert.Equal(dispatcher.Dropped, markers.Sum(m => m.Count));
    }

    [Fact]
    public void Every_event_of_the_traces_goes_to_the_lane_of_the_channel_playback_target_or_bridge_it_is_about()
    {
        var keys = TraceSamples.AllEventLines().Select(l => AriMessageParser.Parse(Encoding.UTF8.GetBytes(l)))
            .Select(m => (m, AriEventKey.Of(m))).ToList();

        foreach (var (m, key) in keys)
        {
            switch (m)
            {
                case Event e when e is ChannelDtmfReceived or StasisStart or StasisEnd or ChannelHangupRequest or ChannelDestroyed:
                    Assert.Equal(AriEventKeyKind.Channel, key.Kind);
                    break;
                case PlaybackStarted p:
                    Assert.Equal(p.Playback.TargetUri, key.ToString());
                    break;
                case BridgeDestroyed b:
                    Assert.Equal(AriEventKey.Bridge(b.Bridge.Id), key);
                    break;
                case Dial d:
                    Assert.Equal(AriEventKey.Channel(d.Peer.Id), key);
                    break;
                case ApplicationReplaced or ApplicationRegistered:
                    Assert.Equal(AriEventKey.Global, key);
                    break;
            }
        }
        Assert.Contains(keys, k => k.Item2.Kind == AriEventKeyKind.Bridge);
        Assert.Contains(keys, k => k.Item2.Kind == AriEventKeyKind.Global);
    }

    static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
