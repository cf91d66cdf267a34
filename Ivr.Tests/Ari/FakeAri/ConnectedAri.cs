using System.Collections.Concurrent;
using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Models;

namespace Ivr.Tests.Ari.FakeAri;

/// <summary>
/// An ARI server (the fake, or the simulator), a client for it and that client's started event stream; events and
/// connection notices are recorded.
/// </summary>
public sealed class ConnectedAri : IAsyncDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    readonly SemaphoreSlim _changed = new(0);

    readonly IAsyncDisposable _server;

    ConnectedAri(IAsyncDisposable server, AriClient client)
    {
        _server = server;
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

    /// <summary>The fake ARI, when that is what runs behind the client.</summary>
    public FakeAriServer Server => _server as FakeAriServer ?? throw new InvalidOperationException("this client runs against the simulator");

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
        return await StartAsync(server, adjust?.Invoke(options) ?? options, waitForConnection);
    }

    /// <summary>Starts a client with <paramref name="options"/> against <paramref name="server"/>, which it then owns.</summary>
    public static async Task<ConnectedAri> StartAsync(IAsyncDisposable server, AriClientOptions options, bool waitForConnection = true)
    {
        var self = new ConnectedAri(server, new AriClient(options));
        self.Stream.Start();
        if (waitForConnection) await self.WaitUntil(() => self.Stream.IsConnected && self.Notices.Contains("connected 1"));
        return self;
    }

    /// <summary>Waits until the handler has received an event of type <typeparamref name="T"/> matching <paramref name="match"/>.</summary>
    public async Task<T> WaitForEventAsync<T>(Func<T, bool>? match = null) where T : Message
    {
        T? found = null;
        await WaitUntil(() => (found = Events.OfType<T>().FirstOrDefault(e => match?.Invoke(e) ?? true)) is not null);
        return found!;
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
        await _server.DisposeAsync();
    }
}
