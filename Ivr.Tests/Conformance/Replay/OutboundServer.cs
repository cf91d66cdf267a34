using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>
/// The trace's websocket test server (it listened on 127.0.0.1:8765; here on a free port): accepts the
/// simulator's outbound ARI connections with subprotocol `ari`, labels them per URL path as the trace did, and
/// can close, drop and stop listening for a while, as the trace's server did.
/// </summary>
public sealed class OutboundServer(int port, IReadOnlyDictionary<string, string> familyOfPath, MessageLog log) : IAsyncDisposable
{
    readonly List<OutboundConnection> connections = [];
    readonly CancellationTokenSource shutdown = new();
    WebApplication? app;

    public int Port => port;

    /// <summary>A free loopback port, so the simulator's config can name it before the server listens.</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public IReadOnlyList<OutboundConnection> Connections
    {
        get { lock (connections) return connections.ToList(); }
    }

    public async Task StartAsync()
    {
        if (app is not null) return;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var web = builder.Build();
        web.UseWebSockets();
        web.Run(AcceptAsync);
        await web.StartAsync();
        app = web;
        // A fresh pipeline's first answer can take seconds on a busy machine, longer than the 500 ms connection
        // timeout of the reference config: a plain request (400, not a connection) takes that cost before Asterisk connects.
        using var warmUp = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var _ = await warmUp.GetAsync($"http://127.0.0.1:{port}/");
    }

    async Task AcceptAsync(HttpContext ctx)
    {
        if (!ctx.WebSockets.IsWebSocketRequest) { ctx.Response.StatusCode = 400; return; }
        if (Environment.TickCount64 < Volatile.Read(ref refuseUntil))
        {
            ctx.Abort();
            return;
        }
        var protocol = ctx.WebSockets.WebSocketRequestedProtocols.Contains("ari") ? "ari" : null;
        var socket = await ctx.WebSockets.AcceptWebSocketAsync(protocol);
        var url = ctx.Request.Path + ctx.Request.QueryString;
        var family = familyOfPath.GetValueOrDefault(ctx.Request.Path.Value ?? "", "outbound" + ctx.Request.Path);
        OutboundConnection connection;
        lock (connections)
        {
            var label = $"{family}#{connections.Count(c => Traces.SocketLabel.Family(c.Label) == family) + 1}";
            connection = new OutboundConnection(label, url, ctx.Request.Headers.Authorization, ctx.Request.Headers.SecWebSocketProtocol, socket);
            connections.Add(connection);
        }
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token, ctx.RequestAborted);
        await connection.ReadAsync(log, aborted.Token, shutdown.Token);
    }

    /// <summary>The newest connection of a family that is still open.</summary>
    public OutboundConnection? Current(string family)
    {
        lock (connections) return connections.LastOrDefault(c => Traces.SocketLabel.Family(c.Label) == family && c.IsOpen);
    }

    public OutboundConnection? ByLabel(string label)
    {
        lock (connections) return connections.FirstOrDefault(c => c.Label == label);
    }

    /// <summary>
    /// Drops a connection without a close frame and refuses new ones for <paramref name="pause"/>. The listener stays
    /// up and drops each attempt at once: a restarted server would first spend its slow first answer on the
    /// simulator's 500 ms connection timeout, and then accept later than the trace's server did.
    /// </summary>
    public Task TerminateAndPauseAsync(OutboundConnection connection, TimeSpan pause)
    {
        Volatile.Write(ref refuseUntil, Environment.TickCount64 + (long)pause.TotalMilliseconds);
        connection.Abort();
        return Task.CompletedTask;
    }

    long refuseUntil;

    async Task StopListeningAsync()
    {
        var web = app;
        app = null;
        if (web is null) return;
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await web.StopAsync(quick.Token); }
        catch (OperationCanceledException) { /* open websockets are torn down by DisposeAsync */ }
        await web.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await shutdown.CancelAsync();
        foreach (var c in Connections) c.Abort();
        await StopListeningAsync();
        shutdown.Dispose();
    }
}
