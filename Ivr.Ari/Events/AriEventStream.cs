using System.Net.WebSockets;
using System.Text;
using Ivr.Ari.Handles;
using Ivr.Ari.Models;
using Ivr.Ari.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Ari.Events;

/// <summary>
/// The inbound event WebSocket of one Stasis application (<c>/ari/events?app=X&amp;subscribeAll=…</c>), kept open:
/// the reader parses each frame, lets the client's handles see it, and posts it to the <see cref="AriEventDispatcher"/>
/// without ever waiting. When the socket drops it reconnects with exponential backoff and jitter and raises
/// <see cref="Disconnected"/> then <see cref="Connected"/>: Asterisk drops (does not queue) events while no socket is
/// open and replays nothing, so the service must re-read its calls over REST after a reconnect.
/// </summary>
public sealed partial class AriEventStream : IAsyncDisposable
{
    readonly AriClient _client;
    readonly ILogger _logger;
    readonly Func<ClientWebSocket> _socketFactory;
    readonly CancellationTokenSource _stop = new();
    readonly Random _random = new();
    Task _loop = Task.CompletedTask;
    volatile bool _connected;
    bool _replaced;
    WebSocket? _socket;

    public AriEventStream(AriClient client, Func<Message, CancellationToken, ValueTask> handler, ILogger? logger = null,
        Func<ClientWebSocket>? socketFactory = null)
    {
        _client = client;
        _logger = logger ?? NullLogger.Instance;
        _socketFactory = socketFactory ?? (() => new ClientWebSocket());
        Dispatcher = new AriEventDispatcher(handler, client.Options.EventQueueCapacityPerKey, client.Options.EventQueueCapacityTotal, _logger);
        var options = client.Options;
        var ws = new UriBuilder(new Uri(options.BaseUrl, "events")) { Scheme = options.BaseUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
        ws.Query = $"app={Uri.EscapeDataString(options.Application)}&subscribeAll={(options.SubscribeAll ? "true" : "false")}";
        EventsUrl = ws.Uri;
    }

    /// <summary>Raised (on the stream's loop) each time the socket opens.</summary>
    public event EventHandler<AriConnectedEventArgs>? Connected;

    /// <summary>Raised (on the stream's loop) each time an open socket closes.</summary>
    public event EventHandler<AriDisconnectedEventArgs>? Disconnected;

    /// <summary>Where events are queued per channel; its counters tell how far behind the handlers are.</summary>
    public AriEventDispatcher Dispatcher { get; }

    /// <summary>The WebSocket URL, e.g. <c>ws://127.0.0.1:8088/ari/events?app=ivr&amp;subscribeAll=false</c>.</summary>
    public Uri EventsUrl { get; }

    /// <summary>Whether a socket is open right now.</summary>
    public bool IsConnected => _connected;

    /// <summary>Runs until disposed, or until another socket replaced this application.</summary>
    public Task Completion => _loop;

    /// <summary>Starts connecting in the background; failures are retried with backoff, never thrown.</summary>
    public AriEventStream Start()
    {
        if (_loop != Task.CompletedTask) throw new InvalidOperationException("The event stream is already started");
        _loop = Task.Run(() => RunAsync(_stop.Token));
        return this;
    }

    async Task RunAsync(CancellationToken stop)
    {
        var connection = 0;
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            using var socket = _socketFactory();
            try
            {
                await ConnectAsync(socket, stop).ConfigureAwait(false);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                LogConnectFailed(_logger, EventsUrl, failures + 1, e.Message);
                await DelayAsync(failures++, stop).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException)
            {
                break;
            }
            failures = 0;
            _socket = socket;
            _connected = true;
            LogConnected(_logger, EventsUrl, ++connection);
            Raise(Connected, new AriConnectedEventArgs(connection));
            var (reason, description) = await ReadUntilClosedAsync(socket, stop).ConfigureAwait(false);
            _connected = false;
            _socket = null;
            _client.Handles.ConnectionLost();
            var again = reason is AriDisconnectReason.Closed or AriDisconnectReason.ConnectionLost;
            LogDisconnected(_logger, EventsUrl, reason, description, again);
            Raise(Disconnected, new AriDisconnectedEventArgs(reason, description, again));
            if (!again) break;
            await DelayAsync(0, stop).ConfigureAwait(false);
        }
    }

    async Task ConnectAsync(ClientWebSocket socket, CancellationToken stop)
    {
        var options = _client.Options;
        socket.Options.SetRequestHeader("Authorization",
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(options.RequestTimeout);
        await socket.ConnectAsync(EventsUrl, deadline.Token).ConfigureAwait(false);
    }

    async Task<(AriDisconnectReason, string)> ReadUntilClosedAsync(WebSocket socket, CancellationToken stop)
    {
        try
        {
            var closed = await AriSocketReader.ReadAsync(socket, Accept, _logger, stop).ConfigureAwait(false);
            if (_replaced) return (AriDisconnectReason.Replaced, "another socket took over the application (ApplicationReplaced)");
            await CloseQuietlyAsync(socket).ConfigureAwait(false);
            return (AriDisconnectReason.Closed, closed);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await CloseQuietlyAsync(socket).ConfigureAwait(false);
            return (AriDisconnectReason.Stopped, "the event stream was disposed");
        }
        catch (Exception e) when (_replaced)
        {
            return (AriDisconnectReason.Replaced, $"another socket took over the application (ApplicationReplaced); {e.Message}");
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            return (AriDisconnectReason.ConnectionLost, e.Message);
        }
    }

    void Accept(Message message)
    {
        _client.Handles.Observe(message);
        Dispatcher.Post(message);
        if (message is ApplicationReplaced && !_replaced)
        {
            // Asterisk keeps the replaced socket open but sends nothing more on it; closing it does not disturb the new one.
            _replaced = true;
            _ = CloseOutputQuietlyAsync(_socket);
        }
    }

    static async Task CloseQuietlyAsync(WebSocket? socket)
    {
        if (socket is null) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            socket.Abort();
        }
    }

    static async Task CloseOutputQuietlyAsync(WebSocket? socket)
    {
        if (socket is null) return;
        try
        {
            // Only our close frame: the reader's pending receive then gets Asterisk's answer and ends the connection.
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "application replaced", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    async Task DelayAsync(int attempt, CancellationToken stop)
    {
        double r;
        lock (_random) r = _random.NextDouble();
        try
        {
            await Task.Delay(ReconnectBackoff.Delay(attempt, _client.Options, r), stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Disposed while waiting: the loop ends.
        }
    }

    void Raise<T>(EventHandler<T>? handlers, T args)
    {
        if (handlers is null) return;
        foreach (EventHandler<T> h in handlers.GetInvocationList())
        {
            try
            {
                h(this, args);
            }
            catch (Exception e)
            {
                LogSubscriberFailed(_logger, e, typeof(T).Name);
            }
        }
    }

    /// <summary>Closes the socket, stops reconnecting and stops the dispatcher.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await Dispatcher.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "ARI events connected to {Url} (connection {Number})")]
    static partial void LogConnected(ILogger logger, Uri url, int number);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning, Message = "ARI events at {Url} disconnected ({Reason}: {Description}); reconnecting: {WillReconnect}")]
    static partial void LogDisconnected(ILogger logger, Uri url, AriDisconnectReason reason, string description, bool willReconnect);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "ARI events cannot connect to {Url} (attempt {Attempt}): {Error}; retrying with backoff")]
    static partial void LogConnectFailed(ILogger logger, Uri url, int attempt, string error);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Error, Message = "A subscriber of the ARI event stream's {Notice} failed")]
    static partial void LogSubscriberFailed(ILogger logger, Exception exception, string notice);
}
