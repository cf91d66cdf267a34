using Ivr.Ari.Models;
using Ivr.Service.Calls.Outbound;
using Ivr.Service.Calls.Records;
using Ivr.Service.Campaigns;

namespace Ivr.Tests.Calls.Outbound;

/// <summary>
/// Outcomes from the event sequences a real Asterisk 22 sends for an originated Local channel (traces
/// originate-failures and dial-create: <c>;1</c> is ours, <c>;2</c> runs the dialplan), without ARI.
/// </summary>
public sealed class DialTrackerTests
{
    const string One = "out-c1a1", Two = "out-c1a1-2";

    static Channel Ch(string id) => new() { Id = id, Name = "Local/13900000001@outbound-00000001;" + (id == One ? "1" : "2") };

    static Message Dial(string peer, string status) => new Dial { Peer = Ch(peer), Dialstatus = status };
    static Message Hangup(string id, int cause, bool soft = false) => new ChannelHangupRequest { Channel = Ch(id), Cause = cause, Soft = soft ? true : null };
    static Message Destroyed(string id, int cause) => new ChannelDestroyed { Channel = Ch(id), Cause = cause };
    static Message DialStatus(string id, string status) => new ChannelVarset { Channel = Ch(id), Variable = "DIALSTATUS", Value = status };

    static DialResult Run(params Message[] events)
    {
        var tracker = new DialTracker(One, Two);
        foreach (var e in events) tracker.Observe(e);
        return tracker.Result();
    }

    public static TheoryData<string, Message[], DialOutcome, int?> Sequences => new()
    {
        { "Busy() in ;2 (trace)", [Dial(One, ""), Dial(One, "BUSY"), Hangup(Two, 0), Destroyed(One, 0), Hangup(Two, 16, soft: true), Destroyed(Two, 17)], DialOutcome.Busy, 17 },
        { "Congestion() in ;2 (trace)", [Dial(One, ""), Dial(One, "CONGESTION"), Hangup(Two, 0), Destroyed(One, 0), Destroyed(Two, 34)], DialOutcome.TrunkFull, 34 },
        { "ringing past the timeout (trace)", [Dial(One, ""), Dial(One, "RINGING"), Hangup(Two, 19), Destroyed(One, 19), Destroyed(Two, 19)], DialOutcome.NoAnswer, 19 },
        { "no such extension (trace)", [Destroyed(Two, 0), Destroyed(One, 0)], DialOutcome.Failed, null },
        { "trunk Dial() busy, then Hangup()", [DialStatus(Two, "BUSY"), Hangup(Two, 16), Destroyed(One, 16), Destroyed(Two, 16)], DialOutcome.Busy, 17 },
        { "declined at the phone", [Dial(One, ""), Hangup(Two, 21), Destroyed(One, 21), Destroyed(Two, 21)], DialOutcome.Rejected, 21 },
        { "trunk unreachable", [DialStatus(Two, "CHANUNAVAIL"), Hangup(Two, 16), Destroyed(One, 16)], DialOutcome.Failed, 16 },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Outcome_and_cause_come_from_the_events_of_both_legs(string what, Message[] events, DialOutcome outcome, int? cause)
    {
        var result = Run(events);

        Assert.True(outcome == result.Outcome, $"{what}: {result.Outcome}");
        Assert.Equal(cause, result.AriCause);
    }

    [Fact]
    public void Answered_call_is_confirmed_when_the_taxpayer_pressed_keys_in_the_menu()
    {
        var tracker = new DialTracker(One, Two);
        tracker.Observe(Dial(One, "ANSWER"));
        tracker.Observe(new StasisStart { Channel = Ch(One), Args = ["campaign:filing-reminder", "c1a1", "13900000001"] });
        tracker.Recorded(new CallRecord
        {
            Id = Guid.NewGuid(), ChannelId = One, Direction = CallDirections.Outbound, CallerNumber = "12366", DialledNumber = "13900000001",
            Entry = "campaign:filing-reminder", StartedAt = DateTimeOffset.UnixEpoch, EndedAt = DateTimeOffset.UnixEpoch, Language = "zh-CN",
            MenuRevision = "r", Path = [new PathStep(0, "reminder-say", "2")], Actions = [], Outcome = CallOutcomes.SelfServed,
        });
        tracker.Observe(Hangup(One, 16));

        Assert.Equal(new DialResult(DialOutcome.Confirmed, 16, "2"), tracker.Result());
    }

    [Fact]
    public void Events_of_other_channels_are_not_taken()
    {
        var tracker = new DialTracker(One, Two);

        Assert.False(tracker.Observe(Destroyed("1795365490.7", 16)));
        Assert.False(tracker.Gone.IsCompleted);
    }
}
