using System.Net.WebSockets;
using System.Text;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>
/// One inbound `/ari/events` websocket of the replay, labelled like the trace (`ivr#2`). Records every
/// message and how the socket ended: closed by us, or by the simulator (with its code; 1006 when the TCP
/// connection just went away).
/// </summary>
public sealed class EventSocket : IAsyncDisposable
{
    readonly ClientWebSocket socket = new();
    readonly CancellationTokenSource stop = new();
    Task reader = Task.CompletedTask;

    public string Label { get; private set; }

    /// <summary>Names the socket after the trace's socket it stands for (used when a retry loop connects early or late).</summary>
    public void Relabel(string label) => Label = label;

    /// <summary>How the connect went: "open", or the failure (ECONNREFUSED, HTTP 503, ...).</summary>
    public string Outcome { get; private set; } = "not tried";

    /// <summary>Set when the simulator ended the socket: its close code, 1006 for a dropped connection.</summary>
    public int? ClosedBySimulator { get; private set; }

    public bool ClosedByUs { get; private set; }

    EventSocket(string label) => Label = label;

    public static async Task<EventSocket> ConnectAsync(string label, Uri uri, MessageLog log, CancellationToken ct)
    {
        var s = new EventSocket(label);
        s.socket.Options.CollectHttpResponseDetails = true;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await s.socket.ConnectAsync(uri, timeout.Token);
            s.Outcome = "open";
            s.reader = Task.Run(() => s.ReadAsync(log));
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or OperationCanceledException)
        {
            s.Outcome = s.socket.HttpStatusCode is { } status && (int)status != 0 && (int)status != 101
                ? $"HTTP {(int)status}"
                : Failure.Name(e);
        }
        return s;
    }

    async Task ReadAsync(MessageLog log)
    {
        var buffer = new byte[64 * 1024];
        var text = new MemoryStream();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var r = await socket.ReceiveAsync(buffer, stop.Token);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    if (!ClosedByUs) ClosedBySimulator = (int?)socket.CloseStatus ?? 1005;
                    return;
                }
                text.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                log.Add(Label, Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length));
                text.SetLength(0);
            }
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) when (!ClosedByUs)
        {
            // No close frame: the TCP connection went away, which a browser reports as 1006.
            ClosedBySimulator = 1006;
        }
        catch (WebSocketException) { }
    }

    /// <summary>TCP close without a close frame, as the trace's driver did with `terminate()`.</summary>
    public void Abort()
    {
        ClosedByUs = true;
        socket.Abort();
    }

    public async Task CloseAsync(WebSocketCloseStatus status)
    {
        ClosedByUs = true;
        if (socket.State != WebSocketState.Open) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await socket.CloseOutputAsync(status, "", timeout.Token); }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { socket.Abort(); }
    }

    public bool IsOpen => Outcome == "open" && ClosedBySimulator is null && !ClosedByUs;

    public async ValueTask DisposeAsync()
    {
        ClosedByUs = true;
        await stop.CancelAsync();
        socket.Abort();
        try { await reader; } catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        socket.Dispose();
        stop.Dispose();
    }
}
