using System.Net;
using System.Net.Sockets;
using Ivr.Simulator;
using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Calls.State;

/// <summary>
/// Several service instances on one Asterisk and one Redis (docs/scaling.md): per-instance application names inbound,
/// and Asterisk's outbound websockets (persistent and per call) — each call run by exactly one instance, and taken over
/// when its instance goes.
/// </summary>
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = MenuCallRig.Wait;
    readonly string _dialplan = Path.Combine(Path.GetTempPath(), $"ivr-instances-{Guid.NewGuid():N}.conf");
    readonly int _port = FreePort();
    MenuCallRig _rig = null!;

    Uri Listen => new($"http://127.0.0.1:{_port}/ari-ows");

    public async Task InitializeAsync()
    {
        // One entry context per Stasis application, as a deployment routes trunks or DIDs to instances.
        await File.WriteAllTextAsync(_dialplan, """
            [ivr-a]
            exten => 12366,1,Answer()
             same => n,Stasis(ivr-a)
             same => n,Hangup()
            [ivr-b]
            exten => 12366,1,Answer()
             same => n,Stasis(ivr-b)
             same => n,Hangup()
            [ivr-ows]
            exten => 12366,1,Answer()
             same => n,Stasis(ivr-ows)
             same => n,Hangup()
            [ivr-pc]
            exten => 12366,1,Answer()
             same => n,Stasis(ivr-pc)
             same => n,Hangup()
            """);
        var ws = new Uri($"ws://127.0.0.1:{_port}/ari-ows");
        _rig = await MenuCallRig.StartAsync(_dialplan,
        [
            new OutboundWebSocketConfig { App = "ivr-ows", Uri = ws, Username = "ivr", Password = "ivr", ReconnectInterval = TimeSpan.FromMilliseconds(200) },
            new OutboundWebSocketConfig { App = "ivr-pc", Uri = ws, Username = "ivr", Password = "ivr", ConnectionType = OutboundConnectionType.PerCall },
        ]);
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        File.Delete(_dialplan);
    }

    [Fact]
    public async Task Two_instances_each_run_only_their_own_calls_and_the_survivor_takes_over_when_one_stops()
    {
        var a = await _rig.StartServiceAsync("ivr-a");
        var b = await _rig.StartServiceAsync("ivr-b");
        var ofA = new List<VirtualCall>();
        var ofB = new List<VirtualCall>();
        for (var i = 0; i < 3; i++)
        {
            ofA.Add(await _rig.AtMainMenuAsync("ivr-a"));
            ofB.Add(await _rig.AtMainMenuAsync("ivr-b"));
        }

        Assert.Equal(ofA.Select(c => c.IvrChannelId).Order(), a.RunningCalls.Order());
        Assert.Equal(ofB.Select(c => c.IvrChannelId).Order(), b.RunningCalls.Order());
        foreach (var call in ofA.Concat(ofB))
            Assert.Equal(1, _rig.Sim.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.Contains($"/channels/{call.IvrChannelId}/answer")));

        await a.StopAsync(CancellationToken.None);

        var moved = ofA[0];
        await moved.WaitForPlaybackAsync("sound:main-menu", Wait);
        await moved.PressAsync("5");
        await moved.WaitForPlaybackAsync("sound:complaint-menu", Wait);
        await MenuCallRig.WaitUntilAsync(() => ofA.All(c => b.RunningCalls.Contains(c.IvrChannelId)), "b did not take every call of a over");
    }

    [Fact]
    public async Task Call_over_a_persistent_outbound_socket_goes_on_when_the_service_is_replaced()
    {
        var first = await _rig.StartServiceAsync(settings: Outbound("outbound-persistent"));
        var call = await _rig.AtMainMenuAsync("ivr-ows");
        await call.PressAsync("3");
        await call.WaitForPlaybackAsync("sound:policy-menu", Wait);

        await first.StopAsync(CancellationToken.None);
        var second = await _rig.StartServiceAsync(settings: Outbound("outbound-persistent"));

        // Asterisk reconnects to the new listener; the call is taken over and the policy menu said again.
        await call.WaitForPlaybackAsync("sound:policy-menu", Wait);
        Assert.Contains(call.IvrChannelId, second.RunningCalls);
        await call.PressAsync("1");
        await call.WaitForPlaybackAsync("sound:seat-closed", Wait);
    }

    [Fact]
    public async Task Call_over_a_persistent_outbound_socket_hears_keys_pressed_while_asterisk_reconnects_after_a_drop()
    {
        var service = await _rig.StartServiceAsync(settings: Outbound("outbound-persistent"));
        var call = await _rig.AtMainMenuAsync("ivr-ows");

        await _rig.Sim.DropOutboundSocketsAsync();
        // The key goes out while the dropped socket waits its reconnect interval: Asterisk queues it and delivers it first.
        await call.PressAsync("3");

        await call.WaitForPlaybackAsync("sound:policy-menu", Wait);
        await call.PressAsync("1");
        await call.WaitForPlaybackAsync("sound:seat-closed", Wait);
        // The same instance went on with the call: nothing was restarted or answered again.
        Assert.Contains(call.IvrChannelId, service.RunningCalls);
        Assert.Equal(1, _rig.Sim.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.Contains($"/channels/{call.IvrChannelId}/answer")));
        Assert.Equal(1, call.PlayedMedia.Count(m => m == "sound:main-menu"));
    }

    [Fact]
    public async Task Call_over_its_own_per_call_socket_runs_the_menus()
    {
        var service = await _rig.StartServiceAsync(settings: Outbound("outbound-per-call"));
        var call = await _rig.AtMainMenuAsync("ivr-pc");
        Assert.Contains(call.IvrChannelId, service.RunningCalls);
        await call.PressAsync("5");
        await call.WaitForPlaybackAsync("sound:complaint-menu", Wait);
        await call.HangUpAsync();
        await MenuCallRig.WaitUntilAsync(() => service.RunningCalls.Count == 0, "the per-call socket's call did not end");
    }

    Dictionary<string, string?> Outbound(string mode) => new() { ["Ari:Mode"] = mode, ["Ari:Listen"] = Listen.ToString() };

    /// <summary>Asterisk must be told where to connect before the service listens, so the port is chosen first.</summary>
    static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
