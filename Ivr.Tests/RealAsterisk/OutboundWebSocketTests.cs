using Ivr.Tests.Calls;

namespace Ivr.Tests.RealAsterisk;

/// <summary>
/// Asterisk 22.4+ connecting to the service (asterisk-config/websocket_client.conf, ws://127.0.0.1:8765/ari-ows): the service
/// listens there in the test, and callers dial into the dialplan context of each mode.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class OutboundWebSocketTests(RealAsteriskRig rig)
{
    [RealAsteriskFact]
    public async Task Caller_into_the_persistent_outbound_application_reaches_the_menu_and_its_keys_arrive() =>
        await WalkToComplaintMenuAsync("outbound-persistent", "ivr-ows", "ivr-ows");

    [RealAsteriskFact]
    public async Task Caller_into_the_per_call_outbound_application_gets_a_socket_of_its_own_and_reaches_the_menu() =>
        await WalkToComplaintMenuAsync("outbound-per-call", "ivr-pc", "ivr-pc");

    async Task WalkToComplaintMenuAsync(string mode, string app, string context)
    {
        await using var services = MenuCallRig.ForAsterisk(rig.Asterisk.Url, rig.Asterisk.User, rig.Asterisk.Password);
        var service = await services.StartServiceAsync(app, settings: new Dictionary<string, string?>
        {
            ["Ari:Mode"] = mode, ["Ari:Listen"] = "http://127.0.0.1:8765/ari-ows",
        });
        await using var caller = await RealCaller.ConnectAsync(rig.Asterisk);
        var call = await caller.DialAsync(context);

        await call.HearsAsync("sound:main-menu");
        Assert.Contains(call.IvrLeg, service.RunningCalls);
        await call.PressAsync("5");
        await call.HearsAsync("sound:complaint-menu");
        await MenuCallRig.WaitUntilAsync(() => services.NodeOf(rig.Redis.GetDatabase(), call.IvrLeg) == "complaint-menu",
            "key 5 did not move the call to the complaint menu");
        await call.HangUpAsync();

        await call.EndsAsync();
        await MenuCallRig.WaitUntilAsync(() => !rig.Redis.GetDatabase().KeyExists(services.Prefix + "call:" + call.IvrLeg),
            "the call's state outlived the hang-up");
    }
}
