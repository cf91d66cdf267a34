using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Ivr.Ari;
using Ivr.Tests.Infrastructure;
using Ivr.Ari.Json;
using Ivr.Ari.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Ivr.Tests.Ari.FakeAri;

/// <summary>
/// A scriptable ARI at the protocol level on 127.0.0.1:0 (like wazo-calld's mock_ari): REST replies per route, a log
/// of every request as sent on the wire, and the event WebSocket with push, abrupt drop and refused upgrades.
/// It has no Asterisk behaviour of its own: each test scripts exactly what Asterisk would answer.
/// </summary>
public sealed class FakeAriServer : IAsyncDisposable
{
    WebApplication _app = null!;
    readonly ConcurrentDictionary<(string Method, string Path), Func<FakeRequest, Task<FakeReply>>> _routes = new();
    readonly List<EventSocket> _sockets = [];
    readonly SemaphoreSlim _socketArrived = new(0);


    /// <summary>Every REST request, in arrival order.</summary>
    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    /// <summary>The query string of each event WebSocket upgrade, in order.</summary>
    public ConcurrentQueue<string> EventConnects { get; } = new();

    /// <summary>When positive, that many further WebSocket upgrades are refused with 503 (Asterisk not booted).</summary>
    public int RefuseNextConnects;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeAriServer> StartAsync()
    {
        var server = new FakeAriServer();
        (server._app, var address) = await LoopbackApp.StartAsync(app =>
        {
            app.Map("/ari/events", server.AcceptEventsAsync);
            app.MapFallback(server.ServeRestAsync);
        });
        server.BaseUrl = new Uri(address, "/ari/");
        return server;
    }

    /// <summary>Client options for this server (user ivr/ivr, app ivr) with short reconnect waits.</summary>
    public AriClientOptions Options(TimeSpan? requestTimeout = null) => new()
    {
        BaseUrl = BaseUrl,
        User = "ivr",
        Password = "ivr",
        Application = "ivr",
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(400),
        ReconnectJitter = 0,
    };

    /// <summary>
    /// Scripts the reply to <paramref name="method"/> on <paramref name="path"/> (relative to /ari/, decoded);
    /// a path ending in <c>*</c> matches every path that starts with what comes before it.
    /// </summary>
    public void On(string method, string path, Func<FakeRequest, Task<FakeReply>> reply) => _routes[(method, path)] = reply;

    public void On(string method, string path, FakeReply reply) => On(method, path, _ => Task.FromResult(reply));

    /// <summary>Waits until event socket number <paramref name="number"/> (1-based) is open.</summary>
    public async Task WaitForSocketAsync(int number)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            lock (_sockets) if (_sockets.Count >= number) return;
            await _socketArrived.WaitAsync(timeout.Token);
        }
    }

    /// <summary>Sends an event on the newest socket, as Asterisk would.</summary>
    public Task PushAsync(Message message) => PushAsync(Encoding.UTF8.GetString(AriMessageParser.Serialize(message)));

    public async Task PushAsync(string json)
    {
        var socket = Newest();
        await socket.SendLock.WaitAsync();
        try
        {
            await socket.Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            socket.SendLock.Release();
        }
    }

    /// <summary>Ends the newest socket without a close frame, as when Asterisk stops or the TCP connection is cut.</summary>
    public void DropAbruptly()
    {
        lock (_sockets) Newest().Context.Abort();
    }

    EventSocket Newest()
    {
        lock (_sockets) return _sockets.Count > 0 ? _sockets[^1] : throw new InvalidOperationException("no event socket is connected");
    }

    async Task AcceptEventsAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            context.Response.StatusCode = 401;
            return;
        }
        if (Interlocked.Decrement(ref RefuseNextConnects) >= 0)
        {
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("""{"message":"Asterisk not booted"}""");
            return;
        }
        EventConnects.Enqueue(context.Request.QueryString.Value ?? "");
        var socket = await context.WebSockets.AcceptWebSocketAsync();
        var entry = new EventSocket(socket, context);
        lock (_sockets) _sockets.Add(entry);
        _socketArrived.Release();
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var r = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Dropped on purpose by DropAbruptly, or by the client.
        }
        finally
        {
            lock (_sockets) entry.Done = true;
        }
    }

    async Task ServeRestAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        using var reader = new StreamReader(context.Request.Body);
        var request = new FakeRequest(context.Request.Method, path.StartsWith("/ari/", StringComparison.Ordinal) ? path[5..] : path,
            context.Features.Get<IHttpRequestFeature>()!.RawTarget, context.Request.Headers.Authorization.ToString(),
            context.Request.ContentType, await reader.ReadToEndAsync());
        Requests.Enqueue(request);
        var reply = !Authorized(context) ? new FakeReply(401, """{"message":"Authentication required"}""")
            : Route(request) is { } route ? await route(request)
            : new FakeReply(404, """{"message":"Resource not found"}""");
        if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, context.RequestAborted);
        context.Response.StatusCode = reply.Status;
        if (reply.Body is null) return;
        context.Response.ContentType = reply.ContentType;
        await context.Response.WriteAsync(reply.Body);
    }

    Func<FakeRequest, Task<FakeReply>>? Route(FakeRequest request) =>
        _routes.TryGetValue((request.Method, request.Path), out var exact) ? exact
        : _routes.FirstOrDefault(r => r.Key.Method == request.Method && r.Key.Path.EndsWith('*')
            && request.Path.StartsWith(r.Key.Path[..^1], StringComparison.Ordinal)).Value;

    static bool Authorized(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() == "Basic " + Convert.ToBase64String("ivr:ivr"u8);

    public async ValueTask DisposeAsync()
    {
        lock (_sockets)
            foreach (var s in _sockets.Where(s => !s.Done)) s.Context.Abort();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    sealed record EventSocket(WebSocket Socket, HttpContext Context)
    {
        public SemaphoreSlim SendLock { get; } = new(1, 1);

        public bool Done { get; set; }
    }
}

/// <summary>One REST request as it arrived: <see cref="RawTarget"/> is the path and query exactly as sent.</summary>
public sealed record FakeRequest(string Method, string Path, string RawTarget, string Authorization, string? ContentType, string Body);

/// <summary>What the fake answers: status, body (JSON unless told), and an optional delay before answering.</summary>
public sealed record FakeReply(int Status, string? Body = null, string ContentType = "application/json", TimeSpan Delay = default)
{
    public static FakeReply NoContent => new((int)HttpStatusCode.NoContent);
}
