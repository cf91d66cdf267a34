using System.Net.WebSockets;
using System.Text;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>One websocket the simulator opened to the outbound test server, labelled like the trace (`ows#2`, `pc#1`).</summary>
public sealed class OutboundConnection(string label, string url, string? authorization, string? protocol, WebSocket socket)
{
    public string Label => label;
    public string Url => url;
    public string? Authorization => authorization;
    public string? Protocol => protocol;

    /// <summary>Set when the simulator ended the socket: its close code, 1006 for a dropped connection.</summary>
    public int? ClosedBySimulator { get; private set; }

    public bool ClosedByUs { get; private set; }

    public bool IsOpen => socket.State == WebSocketState.Open && ClosedBySimulator is null && !ClosedByUs;

    /// <param name="ct">Cancelled when the harness shuts the server down or the connection is aborted.</param>
    /// <param name="stopping">Cancelled only when the harness shuts the server down.</param>
    internal async Task ReadAsync(MessageLog log, CancellationToken ct, CancellationToken stopping)
    {
        try
        {
            await ReadUntilClosedAsync(log, ct, stopping);
        }
        finally
        {
            // Once the request handler returns, ASP.NET Core disposes the socket; nothing may touch it after.
            finished = true;
        }
    }

    async Task ReadUntilClosedAsync(MessageLog log, CancellationToken ct, CancellationToken stopping)
    {
        try
        {
            var code = await WebSocketMessages.ReadAsync(socket, text => log.Add(label, text), ct);
            if (ClosedByUs) return;
            ClosedBySimulator = code;
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            // A dropped TCP connection shows as whichever comes first: a failed read or Kestrel's RequestAborted.
            if (!ClosedByUs) ClosedBySimulator = 1006;
        }
    }

    public async Task SendAsync(string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    public async Task CloseAsync(int code)
    {
        ClosedByUs = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await socket.CloseOutputAsync((WebSocketCloseStatus)code, "", timeout.Token); }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException) { socket.Abort(); }
    }

    public void Abort()
    {
        ClosedByUs = true;
        if (finished) return;
        try { socket.Abort(); }
        catch (ObjectDisposedException) { /* the request ended meanwhile, and with it the socket */ }
    }

    volatile bool finished;
}
