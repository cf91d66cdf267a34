using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ivr.Service.Calls;

/// <summary>
/// A Kestrel endpoint of its own for Asterisk's outbound ARI websockets (subprotocol <c>ari</c>, basic authentication), apart
/// from the admin API so it can listen on the network Asterisk is on and nowhere else.
/// </summary>
sealed class OutboundListener : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly CancellationTokenSource _closing;

    OutboundListener(WebApplication app, Uri address, CancellationTokenSource closing)
    {
        _app = app;
        Address = address;
        _closing = closing;
    }

    /// <summary>The URL with the port actually bound.</summary>
    public Uri Address { get; }

    public static async Task<OutboundListener> StartAsync(OutboundAriSettings settings, Func<WebSocket, CancellationToken, Task> serve,
        CancellationToken stopping)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"{settings.Listen.Scheme}://{settings.Listen.Host}:{settings.Listen.Port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        // Sockets stay open until the listener is disposed, after the calls were let go, not when stopping begins.
        var closing = new CancellationTokenSource();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.User}:{settings.Password}"));
        app.Map(settings.Listen.AbsolutePath, async (HttpContext ctx) =>
        {
            if (!ctx.WebSockets.IsWebSocketRequest) return Results.BadRequest("Asterisk's outbound ARI websocket only (websocket_client.conf)");
            if (ctx.Request.Headers.Authorization.ToString() != expected) return Results.Unauthorized();
            using var socket = await ctx.WebSockets.AcceptWebSocketAsync("ari");
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, closing.Token);
            await serve(socket, both.Token);
            return Results.Empty;
        });
        await app.StartAsync(stopping);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new OutboundListener(app, new Uri(bound, settings.Listen.PathAndQuery), closing);
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _app.StopAsync(TimeSpan.FromSeconds(2));
        await _app.DisposeAsync();
        _closing.Dispose();
    }
}
