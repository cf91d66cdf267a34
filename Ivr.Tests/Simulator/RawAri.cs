using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Ivr.Simulator;

namespace Ivr.Tests.Simulator;

/// <summary>ARI over raw HttpClient and ClientWebSocket, so simulator tests depend on no client library.</summary>
public sealed class RawAri : IAsyncDisposable
{
    readonly List<EventStream> streams = [];

    public RawAri(AsteriskSimulator sim)
    {
        Sim = sim;
        Http = new HttpClient { BaseAddress = sim.AriUrl, Timeout = TimeSpan.FromSeconds(20) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sim.User}:{sim.Password}")));
    }

    public AsteriskSimulator Sim { get; }
    public HttpClient Http { get; }

    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string pathAndQuery, string? jsonBody = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (jsonBody is not null) request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body);
    }

    public Task<(int Status, JsonElement Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);
    public Task<(int Status, JsonElement Body)> PostAsync(string path, string? json = null) => SendAsync(HttpMethod.Post, path, json);
    public Task<(int Status, JsonElement Body)> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    /// <summary>Opens <c>/ari/events?app=...</c> and collects every event it receives.</summary>
    public async Task<EventStream> EventsAsync(string apps)
    {
        var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Authorization", Http.DefaultRequestHeaders.Authorization!.ToString());
        var uri = new UriBuilder(new Uri(Sim.AriUrl, "events")) { Scheme = "ws", Query = $"app={apps}&subscribeAll=false" }.Uri;
        await ws.ConnectAsync(uri, CancellationToken.None);
        var stream = new EventStream(ws);
        streams.Add(stream);
        return stream;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in streams) await s.DisposeAsync();
        Http.Dispose();
    }
}

/// <summary>The events one websocket received, readable in order with a timeout.</summary>
public sealed class EventStream : IAsyncDisposable
{
    readonly ClientWebSocket ws;
    readonly Channel<JsonElement> events = Channel.CreateUnbounded<JsonElement>();
    readonly Task reader;

    public EventStream(ClientWebSocket ws)
    {
        this.ws = ws;
        reader = Task.Run(ReadAsync);
    }

    /// <summary>How the socket ended, once it has: the close status, or null for an abrupt drop.</summary>
    public TaskCompletionSource<WebSocketCloseStatus?> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WebSocket Socket => ws;

    async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        try
        {
            while (true)
            {
                var (message, close) = await WebSocketFrames.ReceiveAsync(ws, buffer);
                if (message is null)
                {
                    Closed.TrySetResult(close);
                    break;
                }
                events.Writer.TryWrite(JsonDocument.Parse(message).RootElement.Clone());
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            Closed.TrySetResult(null);
        }
        events.Writer.TryComplete();
    }

    /// <summary>The next event satisfying <paramref name="match"/>; events before it are skipped and returned in <paramref name="skipped"/>.</summary>
    public async Task<JsonElement> NextAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null, List<JsonElement>? skipped = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var e = await events.Reader.ReadAsync(cts.Token);
                if (match(e)) return e;
                skipped?.Add(e);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no matching ARI event arrived in time");
        }
    }

    public Task<JsonElement> NextAsync(string type, string? channelId = null, TimeSpan? timeout = null) =>
        NextAsync(e => e.GetProperty("type").GetString() == type && (channelId is null || ChannelId(e) == channelId), timeout);

    /// <summary>Every event that arrives within <paramref name="quiet"/> of the previous one.</summary>
    public async Task<List<JsonElement>> DrainAsync(TimeSpan quiet)
    {
        var list = new List<JsonElement>();
        while (true)
        {
            using var cts = new CancellationTokenSource(quiet);
            try { list.Add(await events.Reader.ReadAsync(cts.Token)); }
            catch (OperationCanceledException) { return list; }
            catch (ChannelClosedException) { return list; }
        }
    }

    public static string? ChannelId(JsonElement e) =>
        e.TryGetProperty("channel", out var c) ? c.GetProperty("id").GetString()
        : e.TryGetProperty("peer", out var p) ? p.GetProperty("id").GetString() : null;

    public static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    public async ValueTask DisposeAsync()
    {
        if (ws.State == WebSocketState.Open)
        {
            try { await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None); }
            catch (WebSocketException) { /* already gone */ }
        }
        await reader.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        ws.Dispose();
    }
}
