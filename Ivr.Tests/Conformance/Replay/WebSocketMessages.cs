using System.Net.WebSockets;
using System.Text;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>Reads whole text messages from a websocket until the peer closes it.</summary>
public static class WebSocketMessages
{
    /// <summary>Calls <paramref name="onText"/> per message; returns the peer's close code (1005 when it gave none).</summary>
    public static async Task<int> ReadAsync(WebSocket socket, Action<string> onText, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var text = new MemoryStream();
        while (true)
        {
            var r = await socket.ReceiveAsync(buffer, ct);
            if (r.MessageType == WebSocketMessageType.Close) return (int?)socket.CloseStatus ?? 1005;
            text.Write(buffer, 0, r.Count);
            if (!r.EndOfMessage) continue;
            onText(Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length));
            text.SetLength(0);
        }
    }
}
