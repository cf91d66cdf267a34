using System.Net.WebSockets;
using System.Threading.Channels;

namespace Ivr.Simulator.Apps;

/// <summary>An /ari/events websocket: frames are queued under the simulator's lock and written by one loop.</summary>
internal sealed class InboundEventSocket(WebSocket socket, HttpContext http) : IEventSink
{
    readonly Channel<byte[]> outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

    public void Send(byte[] frame) => outgoing.Writer.TryWrite(frame);

    /// <summary>Abrupt TCP close, no close frame: what a dropped network or a killed Asterisk looks like to the client.</summary>
    public void Abort()
    {
        outgoing.Writer.TryComplete();
        try { http.Abort(); }
        catch (ObjectDisposedException) { /* the client's request ended meanwhile, and with it the connection */ }
    }

    /// <summary>Writes queued frames until the client closes or the socket is aborted.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var writer = WriteLoopAsync(stopping);
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, stopping);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    outgoing.Writer.TryComplete();
                    await writer;
                    if (socket.State == WebSocketState.CloseReceived)
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    return;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The client vanished or the server is stopping: both end the socket the same way.
        }
        finally
        {
            outgoing.Writer.TryComplete();
        }
    }

    async Task WriteLoopAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var frame in outgoing.Reader.ReadAllAsync(stopping))
                await socket.SendAsync(frame, WebSocketMessageType.Text, true, stopping);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Writing to a socket that is gone: the read side reports the end.
        }
    }
}
