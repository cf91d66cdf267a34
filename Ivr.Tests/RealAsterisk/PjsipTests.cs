using Ivr.Ari.Models;
using Ivr.Service.Seats.Config;
using Ivr.Tests.Calls;
using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.RealAsterisk;

/// <summary>
/// asterisk-config/pjsip.conf on a real Asterisk 22 with PJSIP: a seat's softphone dialled the way the queues dial it, and a
/// call from the carrier over the trunk into 12366 (docs/deploy.md, Verified with PJSIP).
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class PjsipTests(RealAsteriskRig rig)
{
    [RealAsteriskFact(Needs = PjsipLab.SeatVariable)]
    public async Task Registered_seat_dialled_with_the_queues_dial_target_answers_into_the_application()
    {
        var seat = PjsipLab.Seat;
        await using var caller = await RealCaller.ConnectAsync(rig.Asterisk);
        var endpoint = await caller.Ari.Endpoints.GetAsync("PJSIP", seat);
        Assert.True(endpoint.State == "online", $"PJSIP/{seat} is {endpoint.State}: its softphone has not registered");
        var dial = QueueConfigLoader.Load(Path.Combine(Servers.RepoRoot(), "seats", "queues.yaml"), new HashSet<string>()).DialStringOf(seat);
        var leg = "seat-test-" + Guid.NewGuid().ToString("N")[..8];

        await caller.Ari.Channels.OriginateWithIdAsync(leg, dial, app: caller.Ari.Options.Application, callerId: "IVR Test <13900000005>", timeout: 15);

        var answered = (StasisStart)await caller.WaitForAsync(m => m is StasisStart s && s.Channel.Id == leg, $"seat {seat} answering {dial}");
        Assert.Equal("Up", answered.Channel.State);
        Assert.StartsWith($"PJSIP/{seat}-", answered.Channel.Name, StringComparison.Ordinal);
        await caller.Ari.Channels.HangupAsync(leg);
        await caller.WaitForAsync(m => m is ChannelDestroyed d && d.Channel.Id == leg, $"the end of {leg}");
    }

    [RealAsteriskFact(Needs = PjsipLab.CarrierVariable)]
    public async Task Call_from_the_carrier_over_the_trunk_to_12366_reaches_the_menu_and_its_keys_with_the_callers_number()
    {
        var before = rig.Service.RunningCalls.ToHashSet();
        await using var carrier = await SipCarrierCall.InviteAsync(PjsipLab.Carrier, PjsipLab.Asterisk, "12366", "13900000006");

        await carrier.AnsweredAsync();
        string? channel = null;
        await MenuCallRig.WaitUntilAsync(() => (channel = rig.Service.RunningCalls.FirstOrDefault(c => !before.Contains(c))) is not null,
            "the service never took the carrier's call");
        await using var observer = await RealCaller.ConnectAsync(rig.Asterisk);
        var ari = await observer.Ari.Channels.GetAsync(channel!);
        // Named after the endpoint its INVITE was identified as: the trunk, by the address it came from.
        Assert.StartsWith("PJSIP/trunk-", ari.Name, StringComparison.Ordinal);
        await MenuCallRig.WaitUntilAsync(() => rig.NodeOf(channel!) == "main", "the carrier's call never reached the main menu");
        // The menus read keys as RFC 4733 events (dtmf_mode of the trunk): 5 is the complaint menu.
        await carrier.PressAsync("5");
        await MenuCallRig.WaitUntilAsync(() => rig.NodeOf(channel!) == "complaint-menu", $"key 5 from the carrier left the call at {rig.NodeOf(channel!)}");
        await carrier.HangUpAsync();

        var record = await rig.RecordOfAsync(channel!);
        Assert.Equal(("13900000006", "12366"), (record.CallerNumber, record.DialledNumber));
    }
}
