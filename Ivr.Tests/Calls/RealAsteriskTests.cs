using Ivr.Tests.RealAsterisk;

namespace Ivr.Tests.Calls;

/// <summary>
/// The 12366 menus on a real Asterisk 22: a Local channel into <c>ivr-entry</c> stands in for the caller (its <c>;1</c> leg
/// sends the keys), the service runs the <c>;2</c> leg, and the call's node is read from its state in Redis. More calls on
/// the real Asterisk: Ivr.Tests/RealAsterisk.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class RealAsteriskTests(RealAsteriskRig rig)
{
    [RealAsteriskFact]
    public async Task Key_pressed_on_the_handset_stops_the_main_menu_and_opens_the_complaint_menu()
    {
        await using var caller = await RealCaller.ConnectAsync(rig.Asterisk);
        var call = await caller.DialAsync();
        var menu = await call.HearsAsync("sound:main-menu");
        await MenuCallRig.WaitUntilAsync(() => rig.NodeOf(call.IvrLeg) == "main", "the call's state never showed the main menu");
        Assert.Contains(call.IvrLeg, rig.Service.RunningCalls);

        await call.PressAsync("5");

        Assert.Equal("done", await call.PlaybackEndsAsync(menu.Id));
        await call.HearsAsync("sound:complaint-menu");
        // Asterisk may report a playback before the service, which kept the call's state after asking for it, has done so.
        await MenuCallRig.WaitUntilAsync(() => rig.NodeOf(call.IvrLeg) == "complaint-menu", "key 5 did not move the call to the complaint menu");
        await call.HangUpAsync();
        await call.EndsAsync();
        await MenuCallRig.WaitUntilAsync(() => !rig.HasState(call.IvrLeg), "the call's state outlived the hang-up");
    }
}
