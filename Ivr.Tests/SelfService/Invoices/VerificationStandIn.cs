using System.Collections.Concurrent;
using System.Text.Json;
using Ivr.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ivr.Tests.SelfService.Invoices;

/// <summary>
/// The upstream verification service on loopback: answers POST /verify with whatever <see cref="Answer"/> does and
/// keeps every request it got (body and Authorization header), so tests can count attempts.
/// </summary>
public sealed class VerificationStandIn : IAsyncDisposable
{
    WebApplication _app = null!;

    public Uri Url { get; private set; } = null!;

    public Func<HttpContext, int, Task> Answer { get; set; } = (ctx, _) => ctx.Response.WriteAsJsonAsync(new { result = "not_found" });

    public ConcurrentQueue<(JsonElement Body, string? Authorization)> Requests { get; } = new();

    public static async Task<VerificationStandIn> StartAsync()
    {
        var standIn = new VerificationStandIn();
        var (app, address) = await LoopbackApp.StartAsync(app => app.MapPost("/verify", async ctx =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(ctx.Request.Body);
            standIn.Requests.Enqueue((body, ctx.Request.Headers.Authorization.FirstOrDefault()));
            await standIn.Answer(ctx, standIn.Requests.Count);
        }));
        standIn._app = app;
        standIn.Url = new Uri(address, "/verify");
        return standIn;
    }

    /// <summary>Answers with a status code and no body.</summary>
    public static Func<HttpContext, int, Task> Status(int status) => (ctx, _) =>
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    };

    /// <summary>Answers with this JSON.</summary>
    public static Func<HttpContext, int, Task> Json(object reply) => (ctx, _) => ctx.Response.WriteAsJsonAsync(reply);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
