using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Ivr.Ari.Json;
using Ivr.Ari.Models;
using Microsoft.Extensions.Logging;

namespace Ivr.Ari.Native;

/// <summary>Reads ARI messages off a WebSocket, whichever side opened it; the caller decides what each message is for.</summary>
internal static partial class AriSocketReader
{
    /// <summary>
    /// Reads until Asterisk closes the socket and returns how it closed. <paramref name="onMessage"/> runs on this loop
    /// and must not wait. A frame that is not valid ARI JSON is logged and skipped: one bad message must not cost the connection.
    /// Throws <see cref="WebSocketException"/> when the connection drops without a close frame.
    /// </summary>
    public static async Task<string> ReadAsync(WebSocket socket, Action<Message> onMessage, ILogger logger, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.GetMemory(8 * 1024), ct).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                    return $"closed with {(int?)socket.CloseStatus} {socket.CloseStatusDescription}".TrimEnd();
                buffer.Advance(result.Count);
            }
            while (!result.EndOfMessage);
            if (result.MessageType != WebSocketMessageType.Text) continue;
            Message message;
            try
            {
                message = AriMessageParser.Parse(buffer.WrittenSpan);
            }
            catch (JsonException e)
            {
                LogBadMessage(logger, e, buffer.WrittenCount);
                continue;
            }
            onMessage(message);
        }
    }

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "ARI sent a {Length}-byte message that is not valid ARI JSON; skipped")]
    static partial void LogBadMessage(ILogger logger, Exception exception, int length);
}
