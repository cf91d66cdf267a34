using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ivr.Benchmarks.Campaigns;

/// <summary>
/// An SMS gateway on loopback speaking the protocol of the service's webhook sender (POST {outId, phone, template,
/// parameters} with an Idempotency-Key header; GET /{outId} answers 200 if that message was taken, else 404) that
/// answers 429 to every request above <see cref="Limit"/> in one second, as a provider's per-second quota does.
/// It counts what taxpayers would receive: a message per distinct out id, and phones that got more than one.
/// </summary>
public sealed class ThrottlingSmsGateway : IAsyncDisposable
{
    readonly WebApplication app;
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly Lock gate = new();
    readonly ConcurrentDictionary<string, byte> taken = new();
    readonly ConcurrentDictionary<string, int> messagesPerPhone = new();
    readonly List<int> acceptedPerSecond = [];
    readonly List<int> throttledPerSecond = [];
    long window = -1;
    int inWindow;
    int replays;

    ThrottlingSmsGateway(WebApplication app, int limit)
    {
        this.app = app;
        Limit = limit;
    }

    /// <summary>Requests per second answered; the rest of that second is answered 429.</summary>
    public int Limit { get; }

    public Uri Url { get; private set; } = null!;

    public static async Task<ThrottlingSmsGateway> StartAsync(int limit)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var gateway = new ThrottlingSmsGateway(builder.Build(), limit);
        gateway.app.MapPost("/", gateway.SendAsync);
        gateway.app.MapGet("/{outId}", (string outId) => gateway.taken.ContainsKey(outId) ? Results.Ok() : Results.NotFound());
        await gateway.app.StartAsync();
        var address = gateway.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway.Url = new Uri(new Uri(address), "/");
        return gateway;
    }

    /// <summary>Starts the per-second counts from zero (the dispatch being measured starts now).</summary>
    public void Restart()
    {
        lock (gate)
        {
            clock.Restart();
            window = -1;
            acceptedPerSecond.Clear();
            throttledPerSecond.Clear();
        }
    }

    async Task<IResult> SendAsync(HttpRequest request)
    {
        string outId, phone;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            outId = body.RootElement.GetProperty("outId").GetString() ?? throw new KeyNotFoundException("outId is null");
            phone = body.RootElement.GetProperty("phone").GetString() ?? throw new KeyNotFoundException("phone is null");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Results.BadRequest($"the body must be JSON with string fields outId and phone: {e.Message}");
        }
        if (request.Headers["Idempotency-Key"] != outId)
            return Results.BadRequest($"Idempotency-Key '{request.Headers["Idempotency-Key"]}' differs from outId '{outId}'");

        lock (gate)
        {
            var second = (int)clock.Elapsed.TotalSeconds;
            if (second != window) (window, inWindow) = (second, 0);
            if (inWindow >= Limit)
            {
                Count(throttledPerSecond, second);
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }
            inWindow++;
            // A repeated Idempotency-Key is answered as before without a second message, as idempotent gateways do.
            if (!taken.TryAdd(outId, 0))
            {
                replays++;
                return Results.Ok();
            }
            Count(acceptedPerSecond, second);
        }
        messagesPerPhone.AddOrUpdate(phone, 1, (_, n) => n + 1);
        return Results.Ok();
    }

    static void Count(List<int> perSecond, int second)
    {
        while (perSecond.Count <= second) perSecond.Add(0);
        perSecond[second]++;
    }

    /// <summary>What the gateway saw since <see cref="Restart"/> (messages and phones since it started).</summary>
    public GatewayCounts Counts()
    {
        lock (gate)
        {
            var seconds = Math.Max(acceptedPerSecond.Count, throttledPerSecond.Count);
            int At(List<int> l, int i) => i < l.Count ? l[i] : 0;
            return new GatewayCounts(
                Messages: taken.Count,
                Phones: messagesPerPhone.Count,
                PhonesWithMoreThanOne: messagesPerPhone.Count(p => p.Value > 1),
                Replays: replays,
                Throttled: throttledPerSecond.Sum(),
                PerSecond: [.. Enumerable.Range(0, seconds).Select(i => (At(acceptedPerSecond, i), At(throttledPerSecond, i)))]);
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>Messages taken, phones reached, and per second: messages taken and requests answered 429.</summary>
public sealed record GatewayCounts(int Messages, int Phones, int PhonesWithMoreThanOne, int Replays, int Throttled, IReadOnlyList<(int Accepted, int Throttled)> PerSecond);
