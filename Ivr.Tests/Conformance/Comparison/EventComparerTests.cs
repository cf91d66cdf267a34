using System.Text.Json.Nodes;
using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance.Comparison;

public sealed class EventComparerTests
{
    static readonly TraceScenario MenuDtmf = TraceLoader.Load(TraceDirectory.Path, "menu-dtmf");

    static List<ObservedEvent> Replayed(IEnumerable<TraceEvent> events) =>
        events.Select((e, i) => new ObservedEvent(e.Socket, i, (JsonObject)e.Json.DeepClone())).ToList();

    [Fact]
    public void Every_trace_compared_with_itself_has_no_mismatch()
    {
        foreach (var name in TraceLoader.Discover(TraceDirectory.Path))
        {
            var trace = TraceLoader.Load(TraceDirectory.Path, name);
            Assert.Empty(EventComparer.Compare(name, trace.Events, Replayed(trace.Events)));
        }
    }

    [Fact]
    public void A_missing_event_is_reported_with_socket_channel_index_and_trace_line()
    {
        var events = Replayed(MenuDtmf.Events);
        events.RemoveAll(e => e.Socket == "ivr#1" && e.Type == "ChannelDtmfReceived" && (string?)e.Json["digit"] == "3");

        var mismatch = Assert.Single(EventComparer.Compare("menu-dtmf", MenuDtmf.Events, events));

        Assert.StartsWith("menu-dtmf: socket ivr#1, channel 1795365481.1, event #7: expected ChannelDtmfReceived (trace line 24) but the simulator did not send it; expected {\"type\":\"ChannelDtmfReceived\"",
            mismatch.ToString());
    }

    [Fact]
    public void Events_reordered_within_one_channel_fail()
    {
        var events = Replayed(MenuDtmf.Events);
        var started = events.FindIndex(e => e.Socket == "caller#1" && e.Type == "PlaybackStarted");
        var finished = events.FindIndex(e => e.Socket == "caller#1" && e.Type == "PlaybackFinished");
        (events[started], events[finished]) = (events[finished] with { Seq = events[started].Seq }, events[started] with { Seq = events[finished].Seq });

        var mismatch = Assert.Single(EventComparer.Compare("menu-dtmf", MenuDtmf.Events, events));

        Assert.StartsWith("menu-dtmf: socket caller#1, channel 1795365481.1, event #", mismatch.ToString());
        Assert.StartsWith("PlaybackStarted (trace line 14) came out of order: the simulator sent it as event #8; trace order […, ChannelVarset, PlaybackStarted, PlaybackFinished", mismatch.What);
    }

    [Fact]
    public void Events_of_different_channels_may_come_in_another_order()
    {
        var trace = TraceLoader.Load(TraceDirectory.Path, "bridge-seat");
        var events = Replayed(trace.Events);
        // Lines 34 and 35 are adjacent on the caller socket, same millisecond, different channels.
        var a = events.FindIndex(e => e.Json.ToJsonString() == trace.Events.Single(t => t.Line == 34).Json.ToJsonString());
        var b = events.FindIndex(e => e.Json.ToJsonString() == trace.Events.Single(t => t.Line == 35).Json.ToJsonString());
        (events[a], events[b]) = (events[b] with { Seq = events[a].Seq }, events[a] with { Seq = events[b].Seq });

        Assert.Empty(EventComparer.Compare("bridge-seat", trace.Events, events));
    }

    [Fact]
    public void An_altered_behaviour_value_names_the_field_and_both_values()
    {
        var trace = TraceLoader.Load(TraceDirectory.Path, "originate-failures");
        var events = Replayed(trace.Events);
        var destroyed = events.Single(e => e.Type == "ChannelDestroyed" && (string?)e.Json["channel"]!["id"] == "fail-busy-2");
        destroyed.Json["cause"] = 16;

        var mismatch = Assert.Single(EventComparer.Compare("originate-failures", trace.Events, events));

        Assert.Equal("originate-failures: socket caller#1, channel fail-busy-2, event #5: ChannelDestroyed (trace line 12): cause: expected 17, got 16", mismatch.ToString());
    }

    [Fact]
    public void A_missing_or_extra_field_is_named_by_its_path()
    {
        var events = Replayed(MenuDtmf.Events);
        var stasis = events.First(e => e.Type == "StasisStart" && e.Socket == "ivr#1");
        stasis.Json["channel"]!.AsObject().Remove("language");
        stasis.Json["replace_channel"] = new JsonObject();

        var mismatch = Assert.Single(EventComparer.Compare("menu-dtmf", MenuDtmf.Events, events));

        Assert.Contains("StasisStart (trace line 12): fields missing: channel.language; fields not in the trace: replace_channel", mismatch.What);
    }

    [Fact]
    public void Ids_timestamps_and_channel_sequence_numbers_are_not_compared()
    {
        var events = Replayed(MenuDtmf.Events);
        foreach (var e in events)
        {
            e.Json["timestamp"] = "2030-01-01T00:00:00.000+0000";
            e.Json["asterisk_id"] = "aa:bb:cc:dd:ee:ff";
            if (e.Json["channel"] is JsonObject c) c["name"] = ((string)c["name"]!).Replace("-00000000;", "-0000002a;");
        }

        Assert.Empty(EventComparer.Compare("menu-dtmf", MenuDtmf.Events, events));
    }

    [Fact]
    public void Events_the_trace_does_not_have_are_reported()
    {
        var events = Replayed(MenuDtmf.Events);
        var extra = events.Last(e => e.Socket == "ivr#1");
        events.Add(extra with { Seq = 1000 });

        var mismatch = Assert.Single(EventComparer.Compare("menu-dtmf", MenuDtmf.Events, events));

        Assert.Equal("socket ivr#1, channel 1795365481.1, simulator event #20", mismatch.Where);
        Assert.Contains("the simulator sent PlaybackFinished, which the trace does not have here (this channel's trace lines: 12…48)", mismatch.What);
    }

    [Fact]
    public void Answers_to_different_outbound_requests_may_come_in_either_order()
    {
        var trace = TraceLoader.Load(TraceDirectory.Path, "outbound-websocket");
        var events = Replayed(trace.Events);
        var a = events.FindIndex(e => (string?)e.Json["request_id"] == "req-10");
        var b = events.FindIndex(e => (string?)e.Json["request_id"] == "req-11");
        (events[a], events[b]) = (events[b] with { Seq = events[a].Seq }, events[a] with { Seq = events[b].Seq });

        Assert.Empty(EventComparer.Compare("outbound-websocket", trace.Events, events));
        Assert.Equal("request:req-10", EventKey.Of(trace.Events[a].Json));
    }

    [Fact]
    public void A_recording_duration_one_second_off_is_a_difference_unless_the_replay_ran_late()
    {
        var trace = TraceLoader.Load(TraceDirectory.Path, "holding-queue");
        var events = Replayed(trace.Events);
        var finished = events.Single(e => e.Type == "RecordingFinished" && e.Socket == "caller#1");
        finished.Json["recording"]!["duration"] = 15;

        var mismatch = Assert.Single(EventComparer.Compare("holding-queue", trace.Events, events));
        Assert.Contains("recording.duration: expected 16, got 15", mismatch.What);
        Assert.Empty(EventComparer.Compare("holding-queue", trace.Events, events, durationSlack: 1));

        finished.Json["recording"]!["duration"] = 14;
        Assert.Contains("recording.duration: expected 16, got 14", Assert.Single(EventComparer.Compare("holding-queue", trace.Events, events, durationSlack: 1)).What);
    }
}
