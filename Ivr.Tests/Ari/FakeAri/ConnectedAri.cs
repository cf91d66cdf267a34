using System.Collections.Concurrent;
using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Models;

namespace Ivr.Tests.Ari.FakeAri;

/// <summary>A fake ARI, a client for it and that client's started event stream; events and connection notices are recorded.</summary>
public sealed class ConnectedAri : IAsyncDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    readonly SemaphoreSlim _changed = new(0);

    ConnectedAri(FakeAriServer server, AriClient client)
    {
        Server = server;
        Client = client;
        Stream = new AriEventStream(client, (m, _) =>
        {
            Events.Enqueue(m);
            _changed.Release();
            return ValueTask.CompletedTask;
        });
        Stream.Connected += (_, e) => Note($"connected {e.ConnectionNumber}");
        Stream.Disconnected += (_, e) => Note($"disconnected {e.Reason} reconnect={e.WillReconnect}");
    }

    public FakeAriServer Server { get; }

    public AriClient Client { get; }

    public AriEventStream Stream { get; }

    /// <summary>What the handler received, in order.</summary>
    public ConcurrentQueue<Message> Events { get; } = new();

    /// <summary>"connected N" and "disconnected Reason reconnect=bool", in order.</summary>
    public ConcurrentQueue<string> Notices { get; } = new();

    /// <summary>
    /// Starts the server (scripted by <paramref name="prepare"/> first) and the stream; unless told not to, waits
    /// until the first socket is connected.
    /// </summary>
    public static async Task<ConnectedAri> StartAsync(Func<AriClientOptions, AriClientOptions>? adjust = null,
        Action<FakeAriServer>? prepare = null, bool waitForConnection = true)
    {
        var server = await FakeAriServer.StartAsync();
        prepare?.Invoke(server);
        var options = server.Options();
        var self = new ConnectedAri(server, new AriClient(adjust?.Invoke(options) ?? options));
        self.Stream.Start();
        if (waitForConnection) await self.WaitUntil(() => self.Stream.IsConnected && self.Notices.Contains("connected 1"));
        return self;
    }

    /// <summary>Waits (at most 10 s) until <paramref name="condition"/> holds, re-checking on every event and notice.</summary>
    public async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition()) await _changed.WaitAsync(TimeSpan.FromMilliseconds(50), timeout.Token);
    }

    void Note(string notice)
    {
        Notices.Enqueue(notice);
        _changed.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
