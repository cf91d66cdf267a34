using System.Net;
using System.Text;
using Ivr.Simulator.Apps;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Http;

/// <summary>Kestrel on loopback serving /ari/ with basic auth, as Asterisk's http.conf + ari.conf would.</summary>
internal sealed class AriServer : IAsyncDisposable
{
    readonly WebApplication app;
    readonly Pbx pbx;
    readonly List<InboundEventSocket> sockets = [];

    AriServer(WebApplication app, Pbx pbx)
    {
        this.app = app;
        this.pbx = pbx;
    }

    public int Port { get; private set; }

    /// <summary>Booting answers 503 JSON "Asterisk not booted"; Stopping answers 503 HTML (asterisk-restart trace).</summary>
    public volatile ServerPhase Phase = ServerPhase.Running;

    public static async Task<AriServer> StartAsync(Pbx pbx, int port, Action<RecordedRequest> record, CancellationToken ct, ServerPhase phase = ServerPhase.Running)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new AriServer(app, pbx) { Phase = phase };
        app.Use(async (http, next) =>
        {
            var at = pbx.Clock.Now;
            await next(http);
            if (!http.WebSockets.IsWebSocketRequest && !http.Request.Headers.ContainsKey(WarmUpHeader))
                record(new RecordedRequest(http.Request.Method, http.Request.Path + http.Request.QueryString, http.Items["BodyText"] as string, http.Response.StatusCode, at));
        });
        app.Use(async (http, next) =>
        {
            switch (server.Phase)
            {
                case ServerPhase.Stopping:
                    http.Response.StatusCode = 503;
                    http.Response.ContentType = "text/html";
                    await http.Response.WriteAsync("<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\r\n<html><head>\r\n<title>503 Service Unavailable</title>\r\n</head><body>\r\n<h1>Service Unavailable</h1>\r\n<p>Asterisk is shutting down</p>\r\n<hr />\r\n<address>Asterisk Server</address>\r\n</body></html>\r\n");
                    return;
                case ServerPhase.Booting:
                    await AriResults.Error(503, "Asterisk not booted").ExecuteAsync(http);
                    return;
            }
            if (!server.Authorized(http.Request))
            {
                await AriResults.Error(401, "Authentication required").ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        app.UseWebSockets();
        var ari = app.MapGroup("/ari");
        ari.Map("/events", server.EventsAsync);
        AsteriskApi.Map(ari, pbx);
        ChannelsApi.Map(ari, pbx);
        PlaybacksApi.Map(ari, pbx);
        BridgesApi.Map(ari, pbx);
        RecordingsApi.Map(ari, pbx);
        ari.MapFallback(() => AriResults.Error(404, "Resource not found"));
        await app.StartAsync(ct);
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        server.Port = new Uri(addresses.First()).Port;
        return server;
    }

    /// <summary>Marks the simulator's own first request, which is not one the service made.</summary>
    const string WarmUpHeader = "X-Simulator-Warm-Up";

    /// <summary>
    /// Sends one request through the pipeline and waits for its answer. Kestrel accepts connections as soon as it
    /// binds, but a fresh pipeline can take seconds to answer its first request on a busy machine; a boot phase timed
    /// from before that would be over before anyone could see it.
    /// </summary>
    public async Task WarmUpAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "ari/asterisk/ping");
        request.Headers.Add(WarmUpHeader, "1");
        using var response = await client.SendAsync(request);
    }

    bool Authorized(HttpRequest request)
    {
        string? pair = null;
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try { pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())); }
            catch (FormatException) { return false; }
        }
        else if (request.Query["api_key"] is { Count: > 0 } key) pair = key[^1];
        return pair == pbx.Options.User + ":" + pbx.Options.Password;
    }

    async Task EventsAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await AriResults.Error(400, "Expected a websocket upgrade").ExecuteAsync(http);
            return;
        }
        var apps = (http.Request.Query["app"].ToString()).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (apps.Length == 0)
        {
            await AriResults.Error(400, "Missing param: app").ExecuteAsync(http);
            return;
        }
        using var ws = await http.WebSockets.AcceptWebSocketAsync();
        var socket = new InboundEventSocket(ws, http);
        lock (pbx.Gate)
        {
            sockets.Add(socket);
            pbx.Apps.Connect(socket, apps);
        }
        try
        {
            await socket.RunAsync(http.RequestAborted);
        }
        finally
        {
            lock (pbx.Gate)
            {
                sockets.Remove(socket);
                pbx.Apps.Disconnect(socket);
            }
        }
    }

    /// <summary>Abrupt TCP close of every inbound event socket (client sees 1006).</summary>
    public void DropEventSockets()
    {
        List<InboundEventSocket> all;
        lock (pbx.Gate) all = [.. sockets];
        foreach (var s in all) s.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        DropEventSockets();
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1))) await app.StopAsync(grace.Token);
        await app.DisposeAsync();
    }
}

/// <summary>Where the simulated Asterisk is in its life.</summary>
internal enum ServerPhase { Booting, Running, Stopping }
