using System.Collections.Concurrent;
using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Native;
using Ivr.Ari.Models;

namespace Ivr.Service.Calls;

/// <summary>
/// What every call host shares: meeting Asterisk in the configured <see cref="AriMode"/> (an inbound event socket, or the
/// outbound websockets Asterisk opens to us), the first-connection signal (calls reaching Stasis before it fail in
/// Asterisk), connection logging, and disposal of the calls still running when the service stops. Subclasses only turn
/// events into calls, each event coming with the client its call must be controlled through.
/// </summary>
public abstract class StasisCallHost<TCall>(IConfiguration config, ILoggerFactory loggers) : BackgroundService
    where TCall : IAsyncDisposable
{
    readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly ConcurrentDictionary<string, AriClient> _servers = new(StringComparer.Ordinal);

    protected ConcurrentDictionary<string, TCall> Calls { get; } = new();

    /// <summary>The inbound client (inbound mode); in outbound modes the client of the newest persistent socket, if any.</summary>
    protected AriClient Ari { get; private set; } = null!;

    protected AriMode Mode { get; private set; }

    /// <summary>The application this instance serves (inbound), or the one named by the persistent socket.</summary>
    protected string Application { get; private set; } = "";

    protected abstract ILogger Logger { get; }

    /// <summary>Appended to the "ARI events connected" line that scripts/run.sh waits for.</summary>
    protected virtual string ConnectionDetail => "";

    /// <summary>Completes when the event socket is first up (inbound) or the outbound listener accepts sockets.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Where Asterisk's outbound websockets are accepted (the bound port when the configured one is 0); null inbound.</summary>
    public Uri? ListeningAt { get; private set; }

    /// <summary>
    /// Which Asterisk a call lives on, as this host names it: the inbound URL's authority, or an outbound application name
    /// (unique per Asterisk by deployment rule, docs/scaling.md). Another instance takes a call over only through the same one.
    /// </summary>
    protected AriClient? ClientFor(string server) => _servers.GetValueOrDefault(server);

    protected abstract ValueTask OnEventAsync(AriClient ari, string server, Message message, CancellationToken ct);

    /// <summary>
    /// A socket for <paramref name="server"/> is up. <paramref name="eventsLost"/>: it replaces one that dropped, and Asterisk
    /// did not keep the events of the gap (inbound), so calls must be rebuilt over REST.
    /// </summary>
    protected virtual Task OnConnectedAsync(AriClient ari, string server, bool eventsLost, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A per-call socket closed: its call can no longer be controlled.</summary>
    protected virtual Task OnSocketClosedAsync(string server) => Task.CompletedTask;

    /// <summary>Runs beside the connection until the service stops (heartbeats, takeover).</summary>
    protected virtual Task RunBesideAsync(CancellationToken stoppingToken) => Task.Delay(Timeout.Infinite, stoppingToken);

    /// <summary>After the calls were let go at shutdown (they go on in Asterisk; another instance may take them).</summary>
    protected virtual Task OnStoppedAsync() => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Mode = AriModes.From(config);
        if (Mode == AriMode.Inbound) await RunInboundAsync(stoppingToken);
        else await RunOutboundAsync(stoppingToken);
        await OnStoppedAsync();
    }

    /// <summary>
    /// Before the sockets close: each call finishes the turn it is in (its requests still have a way to Asterisk) and is
    /// let go, so what is kept of it is its latest state.
    /// </summary>
    async Task LetCallsGoAsync()
    {
        foreach (var call in Calls.Values) await call.DisposeAsync();
        Calls.Clear();
    }

    async Task RunInboundAsync(CancellationToken stoppingToken)
    {
        var settings = AriSettings.From(config);
        Application = settings.Application;
        var server = settings.Url.Authority;
        Ari = new AriClient(new AriClientOptions
        {
            BaseUrl = settings.Url, User = settings.User, Password = settings.Password, Application = settings.Application,
        });
        _servers[server] = Ari;
        await using var events = new AriEventStream(Ari, (m, ct) => OnEventAsync(Ari, server, m, ct), loggers.CreateLogger<AriEventStream>());
        events.Connected += (_, e) =>
        {
            CallHostLog.Connected(Logger, events.EventsUrl, settings.Application, e.ConnectionNumber, ConnectionDetail);
            _connected.TrySetResult();
            _ = Guarded(OnConnectedAsync(Ari, server, e.IsReconnect, stoppingToken));
        };
        events.Disconnected += (_, e) => CallHostLog.Disconnected(Logger, e.Reason, e.Description, e.WillReconnect);
        events.Start();
        await RunBesideUntilStoppedAsync(stoppingToken);
        await LetCallsGoAsync();
        await events.DisposeAsync();
        Ari.Dispose();
    }

    async Task RunOutboundAsync(CancellationToken stoppingToken)
    {
        var settings = OutboundAriSettings.From(config, Mode);
        var listener = await OutboundListener.StartAsync(settings, AcceptAsync, stoppingToken);
        ListeningAt = listener.Address;
        CallHostLog.Listening(Logger, listener.Address, Mode, ConnectionDetail);
        _connected.TrySetResult();
        await RunBesideUntilStoppedAsync(stoppingToken);
        await LetCallsGoAsync();
        await listener.DisposeAsync();
    }

    /// <summary>Serves one websocket Asterisk opened until it closes.</summary>
    async Task AcceptAsync(System.Net.WebSockets.WebSocket socket, CancellationToken ct)
    {
        OutboundAriConnection? connection = null;
        string? server = null;
        connection = new OutboundAriConnection(socket, async (message, token) =>
        {
            if (message is ApplicationRegistered registered)
            {
                server = registered.Application;
                // A persistent socket's own events were queued by Asterisk and come before this; nothing was lost.
                if (Mode == AriMode.OutboundPersistent)
                {
                    Ari = connection!.Client;
                    Application = server;
                }
                _servers[server] = connection!.Client;
                CallHostLog.OutboundConnected(Logger, server, Mode);
                await OnConnectedAsync(connection.Client, server, eventsLost: false, token);
                return;
            }
            await OnEventAsync(connection!.Client, server ?? connection.Application ?? "", message, token);
        }, new AriClientOptions { Application = "" }, loggers.CreateLogger<OutboundAriConnection>());
        await using (connection)
        {
            var closed = await connection.RunAsync(ct);
            var app = server ?? connection.Application ?? "?";
            CallHostLog.OutboundClosed(Logger, app, closed);
            if (server is not null && _servers.TryGetValue(server, out var current) && ReferenceEquals(current, connection.Client))
            {
                _servers.TryRemove(server, out _);
                if (Mode == AriMode.OutboundPerCall) await Guarded(OnSocketClosedAsync(server));
            }
        }
    }

    async Task RunBesideUntilStoppedAsync(CancellationToken stoppingToken)
    {
        try { await RunBesideAsync(stoppingToken); }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    async Task Guarded(Task work)
    {
        try { await work; }
        catch (OperationCanceledException) { }
        catch (Exception e) { CallHostLog.BackgroundFailed(Logger, e); }
    }
}

static partial class CallHostLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "ARI events connected to {Url} as application {App} (connection {N}){Detail}")]
    public static partial void Connected(ILogger logger, Uri url, string app, int n, string detail);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "ARI events disconnected: {Reason} {Description}; reconnecting: {Again}")]
    public static partial void Disconnected(ILogger logger, AriDisconnectReason reason, string description, bool again);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information, Message = "ARI outbound websockets accepted at {Url} ({Mode}){Detail}")]
    public static partial void Listening(ILogger logger, Uri url, AriMode mode, string detail);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information, Message = "ARI events connected: Asterisk opened a socket for application {App} ({Mode})")]
    public static partial void OutboundConnected(ILogger logger, string app, AriMode mode);

    [LoggerMessage(EventId = 6022, Level = LogLevel.Information, Message = "ARI outbound socket for application {App} closed: {How}")]
    public static partial void OutboundClosed(ILogger logger, string app, string how);

    [LoggerMessage(EventId = 6023, Level = LogLevel.Error, Message = "call host: background work failed")]
    public static partial void BackgroundFailed(ILogger logger, Exception ex);
}
