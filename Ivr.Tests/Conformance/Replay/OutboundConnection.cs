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

    internal async Task ReadAsync(MessageLog log, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var text = new MemoryStream();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var r = await socket.ReceiveAsync(buffer, ct);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    if (!ClosedByUs)
                    {
                        ClosedBySimulator = (int?)socket.CloseStatus ?? 1005;
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }
                    return;
                }
                text.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                log.Add(label, Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length));
                text.SetLength(0);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is WebSocketException or IOException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
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
        socket.Abort();
    }
}
