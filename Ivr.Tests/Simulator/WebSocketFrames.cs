using System.Net.WebSockets;

namespace Ivr.Tests.Simulator;

/// <summary>Reads whole websocket messages, for the test clients and servers that talk to the simulator.</summary>
internal static class WebSocketFrames
{
    /// <summary>The next complete message, or null with the close status once the peer sent a close frame.</summary>
    public static async Task<(byte[]? Message, WebSocketCloseStatus? Close)> ReceiveAsync(WebSocket ws, byte[] buffer)
    {
        using var ms = new MemoryStream();
        WebSocketReceiveResult r;
        do
        {
            r = await ws.ReceiveAsync(buffer, CancellationToken.None);
            ms.Write(buffer, 0, r.Count);
        } while (!r.EndOfMessage);
        return r.MessageType == WebSocketMessageType.Close ? (null, r.CloseStatus) : (ms.ToArray(), null);
    }
}
