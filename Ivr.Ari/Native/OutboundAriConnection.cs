using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Ivr.Ari.Errors;
using Ivr.Ari.Events;
using Ivr.Ari.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Ari.Native;

/// <summary>
/// One outbound ARI WebSocket (Asterisk 22.4+ connects to us, persistent or per call): events arrive on it as on an
/// inbound socket, and REST requests go back over it as <c>RESTRequest</c> messages answered by a <c>RESTResponse</c>
/// with the same <c>request_id</c>. <see cref="Client"/> gives the usual typed resources over this socket.
/// The service accepts the WebSocket (subprotocol <c>ari</c>) and awaits <see cref="RunAsync"/> until Asterisk closes it.
/// </summary>
public sealed partial class OutboundAriConnection : IAriTransport, IAsyncDisposable
{
    readonly WebSocket _socket;
    readonly ILogger _logger;
    readonly ConcurrentDictionary<string, (AriRequest Request, TaskCompletionSource<AriResponse> Answer)> _pending = new(StringComparer.Ordinal);
    readonly SemaphoreSlim _sendLock = new(1, 1);
    readonly string _idPrefix = Guid.NewGuid().ToString("N")[..8];
    long _nextId;
    volatile bool _closed;

    public OutboundAriConnection(WebSocket socket, Func<Message, CancellationToken, ValueTask> handler, AriClientOptions? options = null,
        ILogger? logger = null)
    {
        _socket = socket;
        _logger = logger ?? NullLogger.Instance;
        options ??= new AriClientOptions();
        Client = new AriClient(options, this);
        Dispatcher = new AriEventDispatcher(handler, options.EventQueueCapacityPerKey, options.EventQueueCapacityTotal, _logger);
    }

    /// <summary>The typed ARI client whose requests travel over this socket.</summary>
    public AriClient Client { get; }

    /// <summary>Where this socket's events are queued per channel.</summary>
    public AriEventDispatcher Dispatcher { get; }

    /// <summary>The application named by the first ApplicationRegistered (for per-call sockets <c>app:channel name</c>).</summary>
    public string? Application { get; private set; }

    /// <summary>
    /// Reads the socket until it closes and returns how it closed. Requests still waiting then fail with
    /// <see cref="AriUnavailableException"/>, and handles end with ConnectionLost.
    /// </summary>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        string closed;
        try
        {
            closed = await AriSocketReader.ReadAsync(_socket, Accept, _logger, cancellationToken).ConfigureAwait(false);
            if (_socket.State == WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            closed = $"dropped: {e.Message}";
        }
        _closed = true;
        foreach (var id in _pending.Keys)
            if (_pending.TryRemove(id, out var waiting))
                waiting.Answer.TrySetException(new AriUnavailableException(null, $"the outbound ARI socket closed before answering ({closed})",
                    waiting.Request.Method, waiting.Request.Path));
        Client.Handles.ConnectionLost();
        LogClosed(_logger, Application ?? "?", closed);
        return closed;
    }

    /// <summary>Sends one REST request as a RESTRequest message and waits for the RESTResponse with its id.</summary>
    public async Task<AriResponse> SendAsync(AriRequest request, CancellationToken cancellationToken)
    {
        if (_closed) throw new AriUnavailableException(null, "the outbound ARI socket is closed", request.Method, request.Path);
        var id = _idPrefix + "-" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var answer = new TaskCompletionSource<AriResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = (request, answer);
        try
        {
            var message = new RESTRequest
            {
                Type = "RESTRequest",
                RequestId = id,
                TransactionId = id,
                Method = request.Method,
                // Relative to /ari/ with no leading slash: "/asterisk/ping" gets 405 over this socket.
                Uri = request.Target,
                ContentType = request.JsonBody is null ? null : "application/json",
                MessageBody = request.JsonBody is null ? null : Encoding.UTF8.GetString(request.JsonBody),
            };
            var bytes = JsonSerializer.SerializeToUtf8Bytes(message, Models.AriJsonContext.Default.RESTRequest);
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
            {
                throw new AriUnavailableException(null, $"the outbound ARI socket cannot send ({e.Message})", request.Method, request.Path, e);
            }
            finally
            {
                _sendLock.Release();
            }
            using (cancellationToken.Register(() => answer.TrySetCanceled(cancellationToken)))
                return await answer.Task.ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    void Accept(Message message)
    {
        if (message is RESTResponse response)
        {
            if (_pending.TryRemove(response.RequestId, out var waiting))
                waiting.Answer.TrySetResult(new AriResponse(response.StatusCode, response.ContentType, Encoding.UTF8.GetBytes(response.MessageBody ?? "")));
            else
                LogUnmatchedResponse(_logger, response.StatusCode, response.RequestId);
            return;
        }
        if (message is ApplicationRegistered registered) Application ??= registered.Application;
        Client.Handles.Observe(message);
        Dispatcher.Post(message);
    }

    public async ValueTask DisposeAsync()
    {
        await Dispatcher.DisposeAsync().ConfigureAwait(false);
        _sendLock.Dispose();
        Client.Dispose();
    }

    [LoggerMessage(EventId = 2120, Level = LogLevel.Information, Message = "Outbound ARI socket for {Application} closed: {How}")]
    static partial void LogClosed(ILogger logger, string application, string how);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "Outbound ARI socket answered request '{RequestId}' ({Status}) that nobody waits for (timed out or unknown)")]
    static partial void LogUnmatchedResponse(ILogger logger, int status, string requestId);
}
