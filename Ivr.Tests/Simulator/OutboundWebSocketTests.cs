using System.Net.WebSockets;
using System.Text.Json;
using Ivr.Simulator;

namespace Ivr.Tests.Simulator;

/// <summary>Outbound websockets as in the outbound-websocket trace: persistent with queued events and REST over the socket, and per call.</summary>
public sealed class OutboundWebSocketTests : IAsyncLifetime
{
    OutboundTestServer server = null!;
    AsteriskSimulator sim = null!;

    public async Task InitializeAsync()
    {
        server = await OutboundTestServer.StartAsync();
        sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
        {
            Speed = 10,
            OutboundWebSockets =
            [
                new OutboundWebSocketConfig { App = "ivr-ows", Uri = server.Url("/ari-ows?instance=ref1"), Username = "owsuser", Password = "owspass", ConnectionTimeout = TimeSpan.FromSeconds(3) },
                new OutboundWebSocketConfig { App = "ivr-pc", Uri = server.Url("/ari-per-call"), ConnectionType = OutboundConnectionType.PerCall, Username = "owsuser", Password = "owspass", ReconnectInterval = TimeSpan.FromMilliseconds(500), ReconnectAttempts = 2, ConnectionTimeout = TimeSpan.FromSeconds(3) },
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await sim.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_persistent_socket_connects_with_basic_auth_registers_and_serves_calls()
    {
        var ows = await server.AcceptAsync();
        Assert.Equal("/ari-ows?instance=ref1", ows.Path);
        Assert.Equal("Basic b3dzdXNlcjpvd3NwYXNz", ows.Authorization);
        Assert.Equal("ivr-ows", (await ows.NextAsync("ApplicationRegistered")).GetProperty("application").GetString());
        var call = await sim.DialAsync("12366", context: "ivr-ows");
        var start = await ows.NextAsync("StasisStart");
        Assert.Equal(call.IvrChannelId, start.GetProperty("channel").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Rest_requests_over_the_socket_get_rest_responses_and_a_leading_slash_is_405()
    {
        var ows = await server.AcceptAsync();
        await ows.NextAsync("ApplicationRegistered");
        await ows.SendAsync("""{"type":"RESTRequest","transaction_id":"tx-1","request_id":"req-1","method":"GET","uri":"asterisk/ping"}""");
        var ok = await ows.NextAsync("RESTResponse");
        Assert.Equal((200, "req-1", "tx-1", "asterisk/ping"), (ok.GetProperty("status_code").GetInt32(), ok.GetProperty("request_id").GetString(), ok.GetProperty("transaction_id").GetString(), ok.GetProperty("uri").GetString()));
        Assert.Equal("pong", JsonDocument.Parse(ok.GetProperty("message_body").GetString()!).RootElement.GetProperty("ping").GetString());
        await ows.SendAsync("""{"type":"RESTRequest","transaction_id":"tx-2","request_id":"req-2","method":"GET","uri":"/ari/asterisk/ping"}""");
        Assert.Equal(405, (await ows.NextAsync("RESTResponse")).GetProperty("status_code").GetInt32());
        await ows.SendAsync("this is not json");
        var bad = await ows.NextAsync("RESTResponse");
        Assert.Equal((400, "Failed to parse request message JSON", ""), (bad.GetProperty("status_code").GetInt32(), bad.GetProperty("reason_phrase").GetString(), bad.GetProperty("request_id").GetString()));
    }

    [Fact]
    public async Task Events_queue_while_the_persistent_socket_is_down_and_come_before_application_registered()
    {
        var ows = await server.AcceptAsync();
        await ows.NextAsync("ApplicationRegistered");
        server.Refusing = true;
        await ows.CloseAsync(WebSocketCloseStatus.EndpointUnavailable);
        await ows.Done.Task;
        var call = await sim.DialAsync("12366", context: "ivr-ows");
        await Task.Delay(150); // the call reaches Stasis (0.5 s simulated) while no socket is up
        server.Refusing = false;
        var third = await server.AcceptAsync();
        var first = await third.NextAsync();
        Assert.Equal("StasisStart", first.GetProperty("type").GetString());
        Assert.Equal(call.IvrChannelId, first.GetProperty("channel").GetProperty("id").GetString());
        await third.NextAsync("ApplicationRegistered");
    }

    [Fact]
    public async Task A_per_call_socket_names_the_app_after_the_channel_and_closes_1000_after_stasis_end()
    {
        var call = await sim.DialAsync("12366", context: "ivr-pc");
        var pc = await server.AcceptAsync();
        while (pc.Path != "/ari-per-call") pc = await server.AcceptAsync(); // skip the persistent socket
        Assert.Equal("/ari-per-call", pc.Path);
        var registered = await pc.NextAsync("ApplicationRegistered");
        var app = registered.GetProperty("application").GetString()!;
        Assert.StartsWith("ivr-pc:Local/12366@ivr-pc-", app);
        Assert.EndsWith(";2", app);
        Assert.Equal(call.IvrChannelId, (await pc.NextAsync("StasisStart")).GetProperty("channel").GetProperty("id").GetString());
        await call.HangUpAsync();
        await pc.NextAsync("StasisEnd");
        await pc.Done.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, pc.CloseStatus);
    }
}
