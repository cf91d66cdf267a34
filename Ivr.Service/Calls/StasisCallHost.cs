using System.Collections.Concurrent;
using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Models;

namespace Ivr.Service.Calls;

/// <summary>
/// What every call host shares: one ARI client and event socket for the Stasis application, the first-connection
/// signal (calls reaching Stasis before it fail in Asterisk), connection logging, and disposal of the calls still
/// running when the service stops. Subclasses only turn events into calls.
/// </summary>
public abstract class StasisCallHost<TCall>(IConfiguration config, ILoggerFactory loggers) : BackgroundService
    where TCall : IAsyncDisposable
{
    readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected ConcurrentDictionary<string, TCall> Calls { get; } = new();

    protected AriClient Ari { get; private set; } = null!;

    protected abstract ILogger Logger { get; }

    /// <summary>Appended to the "ARI events connected" line that scripts/run.sh waits for.</summary>
    protected virtual string ConnectionDetail => "";

    /// <summary>Completes when the event socket is first up.</summary>
    public Task Connected => _connected.Task;

    protected abstract ValueTask OnEventAsync(Message message, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = AriSettings.From(config);
        Ari = new AriClient(new AriClientOptions
        {
            BaseUrl = settings.Url, User = settings.User, Password = settings.Password, Application = settings.Application,
        });
        await using var events = new AriEventStream(Ari, OnEventAsync, loggers.CreateLogger<AriEventStream>());
        events.Connected += (_, e) =>
        {
            CallHostLog.Connected(Logger, events.EventsUrl, settings.Application, e.ConnectionNumber, ConnectionDetail);
            _connected.TrySetResult();
        };
        events.Disconnected += (_, e) => CallHostLog.Disconnected(Logger, e.Reason, e.Description, e.WillReconnect);
        events.Start();
        try { await Task.Delay(Timeout.Infinite, stoppingToken); }
        catch (OperationCanceledException) { }
        foreach (var call in Calls.Values) await call.DisposeAsync();
        Ari.Dispose();
    }
}

static partial class CallHostLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "ARI events connected to {Url} as application {App} (connection {N}){Detail}")]
    public static partial void Connected(ILogger logger, Uri url, string app, int n, string detail);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "ARI events disconnected: {Reason} {Description}; reconnecting: {Again}")]
    public static partial void Disconnected(ILogger logger, AriDisconnectReason reason, string description, bool again);
}
