using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Speech;

/// <summary>A request as it reached the server: method, path with query, every header as sent, the body bytes.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At);

/// <summary>A reply the test scripts for the next request to a path.</summary>
public sealed record ScriptedResponse(int Status, byte[] Body, string? ContentType = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ScriptedResponse Text(int status, string body, params (string Name, string Value)[] headers) =>
        new(status, System.Text.Encoding.UTF8.GetBytes(body), "text/plain", headers.ToDictionary(h => h.Name, h => h.Value));
}

/// <summary>
/// A real HTTP server on loopback (Kestrel, port 0) standing in for Azure: records every request and answers each
/// path with the replies the test queued, in order; an unscripted request gets 599 so the test sees it.
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    WebApplication app = null!;
    readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedResponse>> replies = new(StringComparer.Ordinal);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<ScriptedHttpServer> StartAsync()
    {
        var server = new ScriptedHttpServer();
        (server.app, var address) = await LoopbackApp.StartAsync(a => a.Run(server.HandleAsync));
        server.BaseUri = new Uri(address, "/");
        return server;
    }

    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    public void Reply(string path, params ScriptedResponse[] responses)
    {
        var queue = replies.GetOrAdd(path, _ => new ConcurrentQueue<ScriptedResponse>());
        foreach (var r in responses) queue.Enqueue(r);
    }

    public RecordedRequest[] To(string path) => Requests.Where(r => r.PathAndQuery.Split('?')[0] == path).ToArray();

    async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body.ToArray(), DateTimeOffset.UtcNow));
        if (!replies.TryGetValue(context.Request.Path.Value!, out var queue) || !queue.TryDequeue(out var reply))
            reply = ScriptedResponse.Text(599, $"no reply scripted for {context.Request.Path}");
        context.Response.StatusCode = reply.Status;
        if (reply.ContentType is not null) context.Response.ContentType = reply.ContentType;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        await context.Response.Body.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
