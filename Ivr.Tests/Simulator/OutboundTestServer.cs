using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ivr.Tests.Simulator;

/// <summary>A websocket server on loopback that Asterisk's outbound websockets connect to, as the trace's test server did.</summary>
public sealed class OutboundTestServer : IAsyncDisposable
{
    readonly WebApplication app;
    readonly Channel<ServerSocket> accepted = Channel.CreateUnbounded<ServerSocket>();

    OutboundTestServer(WebApplication app) => this.app = app;

    /// <summary>While set, upgrades are refused, as when the service behind the socket is down.</summary>
    public volatile bool Refusing;

    public Uri Url(string pathAndQuery) => new($"ws://127.0.0.1:{Port}{pathAndQuery}");
    public int Port { get; private set; }

    public static async Task<OutboundTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new OutboundTestServer(app);
        app.UseWebSockets();
        app.Run(async http =>
        {
            if (!http.WebSockets.IsWebSocketRequest || server.Refusing) { http.Response.StatusCode = 503; return; }
            var ws = await http.WebSockets.AcceptWebSocketAsync("ari");
            var socket = new ServerSocket(ws, http.Request.Path + http.Request.QueryString, http.Request.Headers.Authorization.ToString());
            await server.accepted.Writer.WriteAsync(socket);
            await socket.Done.Task;
        });
        await app.StartAsync();
        server.Port = new Uri(app.Urls.First()).Port;
        return server;
    }

    public async Task<ServerSocket> AcceptAsync(TimeSpan? timeout = null) =>
        await accepted.Reader.ReadAsync(new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10)).Token);

    public async ValueTask DisposeAsync()
    {
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1))) await app.StopAsync(grace.Token);
        await app.DisposeAsync();
    }
}

/// <summary>One accepted outbound connection: what Asterisk sent, and a way to send RESTRequests back.</summary>
public sealed class ServerSocket
{
    readonly WebSocket ws;
    readonly Channel<JsonElement> received = Channel.CreateUnbounded<JsonElement>();

    public ServerSocket(WebSocket ws, string path, string authorization)
    {
        this.ws = ws;
        Path = path;
        Authorization = authorization;
        _ = Task.Run(ReadAsync);
    }

    public string Path { get; }
    public string Authorization { get; }
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public WebSocketCloseStatus? CloseStatus { get; private set; }

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
                    CloseStatus = close;
                    break;
                }
                received.Writer.TryWrite(JsonDocument.Parse(message).RootElement.Clone());
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException) { }
        received.Writer.TryComplete();
        Done.TrySetResult();
    }

    public Task SendAsync(string text) => ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public async Task<JsonElement> NextAsync(Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var e = await received.Reader.ReadAsync(cts.Token);
            if (match is null || match(e)) return e;
        }
    }

    public Task<JsonElement> NextAsync(string type) => NextAsync(e => e.GetProperty("type").GetString() == type);

    public async Task CloseAsync(WebSocketCloseStatus status) => await ws.CloseOutputAsync(status, "", CancellationToken.None);
}
