using System.Collections.Concurrent;
using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Models;

namespace Ivr.Tests.Ari.FakeAri;

/// <summary>A fake ARI, a client for it, and that client's event stream already connected; events are recorded.</summary>
public sealed class ConnectedAri : IAsyncDisposable
{
    ConnectedAri(FakeAriServer server, AriClient client, AriEventStream stream)
    {
        Server = server;
        Client = client;
        Stream = stream;
    }

    public FakeAriServer Server { get; }

    public AriClient Client { get; }

    public AriEventStream Stream { get; }

    public ConcurrentQueue<Message> Events { get; } = new();

    public static async Task<ConnectedAri> StartAsync()
    {
        var server = await FakeAriServer.StartAsync();
        var client = new AriClient(server.Options());
        ConnectedAri? self = null;
        var stream = new AriEventStream(client, (m, _) =>
        {
            self!.Events.Enqueue(m);
            return ValueTask.CompletedTask;
        });
        self = new ConnectedAri(server, client, stream);
        stream.Start();
        await server.WaitForSocketAsync(1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!stream.IsConnected) await Task.Delay(5, timeout.Token);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
