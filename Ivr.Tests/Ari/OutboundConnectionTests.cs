using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Ivr.Ari.Errors;
using Ivr.Ari.Handles;
using Ivr.Ari.Models;
using Ivr.Ari.Native;
using Ivr.Tests.Ari.FakeAri;
using Ivr.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ivr.Tests.Ari;

/// <summary>
/// Outbound mode (Asterisk 22.4+): the service listens, Asterisk connects with subprotocol <c>ari</c>. Here the test
/// plays Asterisk with a ClientWebSocket and the service side is an OutboundAriConnection in a Kestrel endpoint.
/// </summary>
public sealed class OutboundConnectionTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    sealed class Pair : IAsyncDisposable
    {
        WebApplication _app = null!;
        readonly TaskCompletionSource<OutboundAriConnection> _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ClientWebSocket Asterisk { get; } = new();

        public ConcurrentQueue<Message> Handled { get; } = new();

        public OutboundAriConnection Connection { get; private set; } = null!;

        public Task<string> Run { get; private set; } = null!;

        public static async Task<Pair> StartAsync()
        {
            var pair = new Pair();
            var runs = new TaskCompletionSource<Task<string>>();
            (pair._app, var address) = await LoopbackApp.StartAsync(app => app.Map("/ari-ows", async (HttpContext context) =>
            {
                var socket = await context.WebSockets.AcceptWebSocketAsync("ari");
                var connection = new OutboundAriConnection(socket, (m, _) =>
                {
                    pair.Handled.Enqueue(m);
                    return ValueTask.CompletedTask;
                });
                var run = connection.RunAsync(context.RequestAborted);
                runs.SetResult(run);
                pair._accepted.SetResult(connection);
                await run;
            }));
            pair.Asterisk.Options.AddSubProtocol("ari");
            pair.Asterisk.Options.SetRequestHeader("Authorization", "Basic b3dzdXNlcjpvd3NwYXNz");
            await pair.Asterisk.ConnectAsync(new Uri($"ws://{address.Authority}/ari-ows?instance=ref1"), CancellationToken.None);
            pair.Connection = await pair._accepted.Task.WaitAsync(Patience);
            pair.Run = await runs.Task;
            return pair;
        }

        public Task SendAsync(string json) =>
            Asterisk.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

        public Task SendAsync(Message m) => SendAsync(Encoding.UTF8.GetString(Ivr.Ari.Json.AriMessageParser.Serialize(m)));

        public async Task<RESTRequest> ReceiveRequestAsync()
        {
            var buffer = new byte[64 * 1024];
            var r = await Asterisk.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Patience);
            return JsonSerializer.Deserialize(buffer.AsSpan(0, r.Count), AriJsonContext.Default.RESTRequest)!;
        }

        public Task AnswerAsync(RESTRequest request, int status, string? body) => SendAsync(Encoding.UTF8.GetString(
            Ivr.Ari.Json.AriMessageParser.Serialize(new RESTResponse
            {
                Type = "RESTResponse",
                RequestId = request.RequestId,
                TransactionId = request.TransactionId,
                StatusCode = status,
                ReasonPhrase = status == 404 ? "Not Found" : "OK",
                Uri = request.Uri,
                ContentType = body is null ? null : "application/json",
                MessageBody = body,
                Application = "ivr-ows",
                Timestamp = DateTimeOffset.UtcNow,
            })));

        public async ValueTask DisposeAsync()
        {
            Asterisk.Abort();
            Asterisk.Dispose();
            await Connection.DisposeAsync();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_rest_call_travels_as_a_rest_request_relative_to_ari_and_its_rest_response_comes_back_typed()
    {
        await using var pair = await Pair.StartAsync();

        var call = pair.Connection.Client.Channels.PlayWithIdAsync("c1", "pb-ows-1", ["sound:hello-world"]);
        var request = await pair.ReceiveRequestAsync();
        await pair.SendAsync(TraceSamples.PlaybackStarted("pb-ows-1", "channel:c1"));
        await pair.AnswerAsync(request, 201, """{"id":"pb-ows-1","media_uri":"sound:hello-world","target_uri":"channel:c1","language":"en","state":"queued"}""");
        var playback = await call.WaitAsync(Patience);

        Assert.Equal("RESTRequest", request.Type);
        Assert.Equal("POST", request.Method);
        Assert.Equal("channels/c1/play/pb-ows-1?media=sound%3Ahello-world", request.Uri);
        Assert.False(string.IsNullOrEmpty(request.RequestId));
        Assert.Equal("pb-ows-1", playback.Id);
        while (pair.Handled.IsEmpty) await Task.Delay(5);
        Assert.IsType<PlaybackStarted>(Assert.Single(pair.Handled));
    }

    [Fact]
    public async Task Concurrent_requests_are_matched_to_their_answers_by_request_id_whatever_the_order()
    {
        await using var pair = await Pair.StartAsync();

        var first = pair.Connection.Client.Channels.GetChannelVarAsync("c1", "A");
        var second = pair.Connection.Client.Channels.GetChannelVarAsync("c1", "B");
        var r1 = await pair.ReceiveRequestAsync();
        var r2 = await pair.ReceiveRequestAsync();
        await pair.AnswerAsync(r2, 200, r2.Uri.EndsWith("=B", StringComparison.Ordinal) ? """{"value":"b"}""" : """{"value":"a"}""");
        await pair.AnswerAsync(r1, 200, r1.Uri.EndsWith("=A", StringComparison.Ordinal) ? """{"value":"a"}""" : """{"value":"b"}""");

        Assert.Equal("a", (await first.WaitAsync(Patience)).Value);
        Assert.Equal("b", (await second.WaitAsync(Patience)).Value);
        Assert.NotEqual(r1.RequestId, r2.RequestId);
    }

    [Fact]
    public async Task A_json_body_goes_in_message_body_and_an_error_answer_is_typed_like_over_http()
    {
        await using var pair = await Pair.StartAsync();

        var call = pair.Connection.Client.Channels.SetChannelVarsAsync("gone", new Dictionary<string, string> { ["X"] = "1" });
        var request = await pair.ReceiveRequestAsync();
        await pair.AnswerAsync(request, 404, """{"message":"Channel not found"}""");
        var e = await Assert.ThrowsAsync<AriNotFoundException>(() => call.WaitAsync(Patience));

        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("""{"variables":{"X":"1"}}""", request.MessageBody);
        Assert.Equal("Channel not found", e.AriMessage);
    }

    [Fact]
    public async Task A_playback_handle_over_the_outbound_socket_completes_when_finished_precedes_the_response()
    {
        await using var pair = await Pair.StartAsync();

        var start = pair.Connection.Client.Channels.StartPlaybackAsync("c1", ["sound:hello-world"]);
        var request = await pair.ReceiveRequestAsync();
        var id = request.Uri.Split('?')[0].Split('/')[^1];
        await pair.SendAsync(TraceSamples.PlaybackFinished(id, "channel:c1"));
        await pair.AnswerAsync(request, 201, $$"""{"id":"{{id}}","media_uri":"sound:hello-world","target_uri":"channel:c1","state":"queued"}""");
        var handle = await start.WaitAsync(Patience);

        Assert.Equal(AriHandleOutcome.Done, (await handle.Finished.WaitAsync(Patience)).Outcome);
    }

    [Fact]
    public async Task Requests_waiting_when_asterisk_drops_the_socket_fail_as_unavailable()
    {
        await using var pair = await Pair.StartAsync();

        var call = pair.Connection.Client.Asterisk.PingAsync();
        await pair.ReceiveRequestAsync();
        pair.Asterisk.Abort();

        var e = await Assert.ThrowsAsync<AriUnavailableException>(() => call.WaitAsync(Patience));
        Assert.Equal("asterisk/ping", e.Path);
        await pair.Run.WaitAsync(Patience);
        await Assert.ThrowsAsync<AriUnavailableException>(() => pair.Connection.Client.Asterisk.PingAsync());
    }

    [Fact]
    public async Task The_application_name_comes_from_the_first_application_registered()
    {
        await using var pair = await Pair.StartAsync();

        await pair.SendAsync("""{"type":"ApplicationRegistered","timestamp":"2026-11-22T16:55:59.628+0000","application":"ivr-pc:Local/12366@ivr-pc-00000001;2","asterisk_id":"02:fc:00:00:00:01"}""");
        while (pair.Handled.IsEmpty) await Task.Delay(5);

        Assert.Equal("ivr-pc:Local/12366@ivr-pc-00000001;2", pair.Connection.Application);
    }
}
