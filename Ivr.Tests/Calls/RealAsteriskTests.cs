using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Models;
using Ivr.Tests.Infrastructure;
using StackExchange.Redis;

namespace Ivr.Tests.Calls;

/// <summary>Runs only when IVR_ARI_URL names a real Asterisk loaded with asterisk-config/; otherwise skipped, saying why.</summary>
public sealed class RealAsteriskFactAttribute : FactAttribute
{
    public RealAsteriskFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("IVR_ARI_URL")))
            Skip = "IVR_ARI_URL is not set: no real Asterisk to call (the simulator tests cover this path; docs/deploy.md step 7)";
    }
}

/// <summary>
/// The 12366 menus on a real Asterisk 22: a Local channel into <c>ivr-entry</c> stands in for the caller (its <c>;1</c> leg
/// sends the keys), the service runs the <c>;2</c> leg, and the call's node is read from its state in Redis.
/// </summary>
public sealed class RealAsteriskTests
{
    static readonly TimeSpan Wait = MenuCallRig.Wait;

    [RealAsteriskFact]
    public async Task Caller_on_a_real_asterisk_reaches_the_main_menu_and_key_5_opens_the_complaint_menu()
    {
        var url = new Uri(Environment.GetEnvironmentVariable("IVR_ARI_URL")!);
        var user = Environment.GetEnvironmentVariable("IVR_ARI_USER") ?? "ivr";
        var password = Environment.GetEnvironmentVariable("IVR_ARI_PASSWORD") ?? "ivr";
        await using var rig = MenuCallRig.ForAsterisk(url, user, password);
        var service = await rig.StartServiceAsync();
        using var caller = new AriClient(new AriClientOptions { BaseUrl = url, User = user, Password = password, Application = "ivr-test-caller" });
        await using var callerEvents = new AriEventStream(caller, (_, _) => ValueTask.CompletedTask).Start();
        var id = Guid.NewGuid().ToString("N")[..8];
        var (callerLeg, ivrLeg) = ($"rt-{id}-1", $"rt-{id}-2");
        using var redis = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);

        await caller.Channels.OriginateAsync("Local/12366@ivr-entry", app: "ivr-test-caller", callerId: "IVR Test <13800000000>",
            channelId: callerLeg, otherChannelId: ivrLeg);
        await MenuCallRig.WaitUntilAsync(() => rig.NodeOf(redis.GetDatabase(), ivrLeg) == "main", "the real call never reached the main menu");
        Assert.Contains(ivrLeg, service.RunningCalls);
        await caller.Channels.SendDTMFAsync(callerLeg, dtmf: "5");
        await MenuCallRig.WaitUntilAsync(() => rig.NodeOf(redis.GetDatabase(), ivrLeg) == "complaint-menu", "key 5 did not open the complaint menu");
        await caller.Channels.HangupAsync(callerLeg);

        await MenuCallRig.WaitUntilAsync(() => !redis.GetDatabase().KeyExists(rig.Prefix + "call:" + ivrLeg), "the call's state outlived the hang-up");
    }
}
