using Ivr.Service.Calls.Outbound;
using Ivr.Service.Calls.Records;
using Ivr.Service.Campaigns;
using Ivr.Simulator.Seats;
using Ivr.Tests.Calls.Records;

namespace Ivr.Tests.Calls.Outbound;

/// <summary>Reminder calls placed over ARI into the simulator: each outcome as a real Asterisk reports it, and lookups after a crash.</summary>
public sealed class OutboundDialerTests(DialingFixture f) : IClassFixture<DialingFixture>
{
    static readonly TimeSpan Wait = RecordedCallsFixture.Wait;
    static readonly IReadOnlyDictionary<string, string> Deadline = new Dictionary<string, string> { ["deadline"] = "20261215", ["tax"] = "vat" };

    static DialRequest Request(string phone, TimeSpan? ring = null) =>
        new("t" + Guid.NewGuid().ToString("N")[..10], phone, "campaign:filing-reminder", Deadline, ring ?? TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Answered_reminder_runs_the_outbound_menu_with_the_deadline_it_was_dialled_with_and_ends_answered_and_listened()
    {
        var seat = f.Sim.AddSeat("13900000101", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(300) });
        var request = Request("13900000101");
        var dial = f.Dialer.DialAsync(request, CancellationToken.None);
        await seat.WaitForAnswerAsync(Wait);
        await WaitForPlayAsync("out-" + request.CallId, "reminder-keys");
        await seat.HangUpAsync();

        var result = await dial.WaitAsync(Wait);

        Assert.Equal(DialOutcome.AnsweredAndListened, result.Outcome);
        var record = await f.RecordOfAsync("out-" + request.CallId);
        Assert.Equal((CallDirections.Outbound, "13900000101", "campaign:filing-reminder", request.CallId),
            (record.Direction, record.DialledNumber, record.Entry, record.CampaignCallId));
        Assert.Empty(record.Actions);
        Assert.Equal(result, await f.Dialer.LookupAsync(request.CallId, CancellationToken.None));
    }

    [Fact]
    public async Task Busy_phone_is_reported_busy_with_cause_17()
    {
        f.Sim.AddSeat("13900000103", new SeatBehavior { Busy = true });

        var result = await f.Dialer.DialAsync(Request("13900000103"), CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(DialOutcome.Busy, result.Outcome);
        Assert.Equal(17, result.AriCause);
    }

    [Fact]
    public async Task Phone_ringing_past_the_ring_timeout_is_reported_no_answer()
    {
        f.Sim.AddSeat("13900000104", new SeatBehavior { AnswerAfter = null });

        var result = await f.Dialer.DialAsync(Request("13900000104", TimeSpan.FromSeconds(2)), CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(DialOutcome.NoAnswer, result.Outcome);
        Assert.Equal(19, result.AriCause);
    }

    [Fact]
    public async Task Number_without_a_phone_behind_it_is_reported_failed_with_the_ari_cause()
    {
        var result = await f.Dialer.DialAsync(Request("13900000199"), CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(DialOutcome.Failed, result.Outcome);
    }

    [Fact]
    public async Task Call_id_dialled_before_is_refused_rather_than_ringing_the_taxpayer_twice()
    {
        f.Sim.AddSeat("13900000105", new SeatBehavior { Busy = true });
        var request = Request("13900000105");
        await f.Dialer.DialAsync(request, CancellationToken.None).WaitAsync(Wait);

        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => f.Dialer.DialAsync(request, CancellationToken.None));

        Assert.Contains(request.CallId, again.Message);
        Assert.Equal(DialOutcome.Busy, (await f.Dialer.LookupAsync(request.CallId, CancellationToken.None))!.Outcome);
    }

    [Theory]
    [InlineData("139&PJSIP/evil", "campaign:filing-reminder", "is not a phone number")]
    [InlineData("13900000106", "12366", "is not a campaign entry")]
    public async Task Bad_requests_are_refused_naming_the_call_and_the_field(string phone, string flow, string message)
    {
        var request = Request(phone) with { MenuFlow = flow };

        var e = await Assert.ThrowsAsync<ArgumentException>(() => f.Dialer.DialAsync(request, CancellationToken.None));

        Assert.Contains(message, e.Message);
        Assert.Contains(request.CallId, e.Message);
    }

    [Fact]
    public async Task Call_left_unsettled_by_a_crash_is_answered_when_its_call_record_exists_with_the_keys_pressed()
    {
        var callId = "crash-" + Guid.NewGuid().ToString("N")[..8];
        await UnsettledDialAsync(callId);
        await f.Store.InsertAsync([OutboundRecord(callId, keys: "1")], CancellationToken.None);

        var result = await f.Dialer.LookupAsync(callId, CancellationToken.None);

        Assert.Equal(new DialResult(DialOutcome.Confirmed, 16, "1"), result);
        Assert.Equal(result, await f.Dialer.LookupAsync(callId, CancellationToken.None));
    }

    [Fact]
    public async Task Call_left_unsettled_by_a_crash_without_a_call_record_never_reached_the_menu_and_is_failed()
    {
        var callId = "crash-" + Guid.NewGuid().ToString("N")[..8];
        await UnsettledDialAsync(callId);

        Assert.Equal(DialOutcome.Failed, (await f.Dialer.LookupAsync(callId, CancellationToken.None))!.Outcome);
    }

    /// <summary>A dial row as a process killed mid-call leaves it: written, never settled; its channel is long gone.</summary>
    async Task UnsettledDialAsync(string callId)
    {
        var store = new OutboundDialStore(new CallRecordsDatabase(Npgsql.NpgsqlDataSource.Create(f.ConnectionString)));
        Assert.True(await store.TryBeginAsync(callId, "out-" + callId, "13900000107", "campaign:filing-reminder", DateTimeOffset.UtcNow, CancellationToken.None));
    }

    static CallRecord OutboundRecord(string callId, string keys) => new()
    {
        Id = Guid.CreateVersion7(), ChannelId = "out-" + callId, Direction = CallDirections.Outbound, CallerNumber = "12366",
        DialledNumber = "13900000107", Entry = "campaign:filing-reminder", CampaignCallId = callId, StartedAt = DateTimeOffset.UtcNow,
        AnsweredAt = DateTimeOffset.UtcNow, EndedAt = DateTimeOffset.UtcNow, Language = "zh-CN", MenuRevision = "r",
        Path = [new PathStep(0, "reminder-start"), new PathStep(10, "reminder-say", keys)], Actions = [new ActionStep(0, "filing.deadline", "ok")],
        Outcome = CallOutcomes.SelfServed, HangupCause = 16,
    };

    [Fact]
    public async Task Unknown_call_id_has_nothing_to_look_up()
    {
        Assert.Null(await f.Dialer.LookupAsync("never-dialled", CancellationToken.None));
    }

    async Task WaitForPlayAsync(string channelId, string sound)
    {
        var until = DateTime.UtcNow + Wait;
        while (!f.Sim.Requests.Any(r => r.PathAndQuery.Contains($"/channels/{channelId}/play/") && r.PathAndQuery.Contains(sound)))
        {
            Assert.True(DateTime.UtcNow < until, $"{sound} never played on {channelId}");
            await Task.Delay(20);
        }
    }
}
