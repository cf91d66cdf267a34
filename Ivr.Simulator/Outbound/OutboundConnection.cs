using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Outbound;

/// <summary>One outbound websocket connection as Asterisk's websocket client makes it: subprotocol <c>ari</c>, basic auth, no extensions.</summary>
internal sealed class OutboundConnection(OutboundWebSocketConfig config, RestOverSocket rest, Func<string> application) : IAsyncDisposable
{
    readonly ClientWebSocket socket = new();
    readonly Channel<byte[]> outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    readonly CancellationTokenSource stop = new();

    /// <summary>Completes when the connection is gone; true when the server closed it with a close frame.</summary>
    public TaskCompletionSource<bool> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<bool> ConnectAsync()
    {
        socket.Options.AddSubProtocol("ari");
        if (config.Username is not null)
            socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{config.Username}:{config.Password}")));
        // Network time is real time: the speed factor does not shorten a TCP handshake. The limit is not passed
        // as a token because ClientWebSocket ties that token to the connection and would drop it later.
        var connect = socket.ConnectAsync(config.Uri, CancellationToken.None);
        try
        {
            if (await Task.WhenAny(connect, Task.Delay(config.ConnectionTimeout)) != connect)
            {
                socket.Abort();
                _ = connect.ContinueWith(t => t.Exception, TaskScheduler.Default);
                return false;
            }
            await connect;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            return false;
        }
        if (socket.SubProtocol is { } p && p != "ari")
        {
            socket.Abort();
            return false;
        }
        _ = Task.Run(WriteLoopAsync);
        _ = Task.Run(ReadLoopAsync);
        return true;
    }

    public void Send(byte[] frame) => outgoing.Writer.TryWrite(frame);

    async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var frame in outgoing.Reader.ReadAllAsync(stop.Token))
                await socket.SendAsync(frame, WebSocketMessageType.Text, true, stop.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the read loop reports the end
        }
    }

    async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 16];
        try
        {
            while (true)
            {
                using var ms = new MemoryStream();
                WebSocketReceiveResult r;
                do
                {
                    r = await socket.ReceiveAsync(buffer, stop.Token);
                    ms.Write(buffer, 0, r.Count);
                } while (!r.EndOfMessage);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    outgoing.Writer.TryComplete();
                    if (socket.State == WebSocketState.CloseReceived)
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    Ended.TrySetResult(true);
                    return;
                }
                var frame = ms.ToArray();
                _ = Task.Run(async () => Send(AriJsonWriter.Message(await rest.AnswerAsync(frame, application()))));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            Ended.TrySetResult(false);
        }
    }

    /// <summary>Closes with 1000 (per-call end) after what is queued has been written.</summary>
    public async Task CloseAsync()
    {
        outgoing.Writer.TryComplete();
        try
        {
            await Task.Delay(50);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException) { /* already gone */ }
    }

    /// <summary>TCP close without a close frame, as when Asterisk stops.</summary>
    public void Abort()
    {
        stop.Cancel();
        socket.Abort();
        Ended.TrySetResult(false);
    }

    public ValueTask DisposeAsync()
    {
        Abort();
        socket.Dispose();
        stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
