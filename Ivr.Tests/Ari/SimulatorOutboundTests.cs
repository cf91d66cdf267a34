using System.Collections.Concurrent;
using Ivr.Ari.Handles;
using Ivr.Ari.Models;
using Ivr.Ari.Native;
using Ivr.Simulator;
using Ivr.Tests.Ari.FakeAri;
using Ivr.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ivr.Tests.Ari;

/// <summary>Outbound mode end to end: the simulator connects to us as Asterisk 22.4+ does, per call and persistent.</summary>
public sealed class SimulatorOutboundTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    sealed class Service : IAsyncDisposable
    {
        WebApplication _app = null!;

        public ConcurrentQueue<OutboundAriConnection> Connections { get; } = new();

        public ConcurrentQueue<Message> Events { get; } = new();

        public Uri Address { get; private set; } = null!;

        public static async Task<Service> StartAsync()
        {
            var service = new Service();
            (service._app, service.Address) = await LoopbackApp.StartAsync(app => app.Map("/ari-ows", async (HttpContext context) =>
            {
                using var socket = await context.WebSockets.AcceptWebSocketAsync("ari");
                await using var connection = new OutboundAriConnection(socket, (m, _) =>
                {
                    service.Events.Enqueue(m);
                    return ValueTask.CompletedTask;
                });
                service.Connections.Enqueue(connection);
                await connection.RunAsync(context.RequestAborted);
            }));
            return service;
        }

        public async Task<T> WaitForEventAsync<T>(Func<T, bool> match) where T : Message
        {
            using var timeout = new CancellationTokenSource(Patience);
            while (true)
            {
                if (Events.OfType<T>().FirstOrDefault(match) is { } found) return found;
                await Task.Delay(10, timeout.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(OutboundConnectionType.Persistent, "ivr-ows")]
    [InlineData(OutboundConnectionType.PerCall, "ivr-pc")]
    public async Task A_call_arrives_over_the_outbound_socket_and_is_played_to_and_read_over_the_same_socket(OutboundConnectionType kind, string app)
    {
        await using var service = await Service.StartAsync();
        await using var sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
        {
            Speed = 10,
            OutboundWebSockets = [new OutboundWebSocketConfig
            {
                App = app, ConnectionType = kind, Uri = new Uri($"ws://{service.Address.Authority}/ari-ows"), Username = "owsuser", Password = "owspass",
            }],
        });

        var call = await sim.DialAsync("12366", callerId: "13800000000", context: app);
        var start = await service.WaitForEventAsync<StasisStart>(e => e.Channel.Id == call.IvrChannelId);
        var connection = service.Connections.Last();
        var prompt = await connection.Client.Channels.StartPlaybackAsync(call.IvrChannelId, ["sound:hello-world"]);
        var result = await prompt.Finished.WaitAsync(Patience);
        var number = await connection.Client.Channels.GetChannelVarAsync(call.IvrChannelId, "CALLERID(num)");
        await connection.Client.Channels.HangupAsync(call.IvrChannelId);

        Assert.StartsWith(app, start.Application);
        Assert.StartsWith(app, connection.Application);
        Assert.Equal(AriHandleOutcome.Done, result.Outcome);
        Assert.Equal("13800000000", number.Value);
    }
}
