using System.Text.Json;
using Ivr.Ari;
using Ivr.Ari.Models;
using Ivr.Tests.Ari.FakeAri;

namespace Ivr.Tests.Ari;

public sealed class RestRequestTests
{
    static AriClient Client(FakeAriServer server) => new(server.Options());

    [Fact]
    public async Task A_hash_in_dtmf_is_sent_as_percent_23_so_it_is_not_lost_as_a_fragment()
    {
        await using var server = await FakeAriServer.StartAsync();
        server.On("POST", "channels/1795365481.0/dtmf", FakeReply.NoContent);
        using var ari = Client(server);

        await ari.Channels.SendDTMFAsync("1795365481.0", "1234#", between: 100, duration: 100);

        Assert.Equal("/ari/channels/1795365481.0/dtmf?dtmf=1234%23&between=100&duration=100", Assert.Single(server.Requests).RawTarget);
    }

    [Fact]
    public async Task A_media_list_is_sent_once_comma_joined_as_in_the_trace()
    {
        await using var server = await FakeAriServer.StartAsync();
        var playback = new Playback { Id = "pb-list-1", MediaUri = "sound:beep", TargetUri = "channel:c1", State = "queued", Language = "en" };
        server.On("POST", "channels/c1/play/pb-list-1", new FakeReply(201, TraceSamples.Json(playback, AriJsonContext.Default.Playback)));
        using var ari = Client(server);

        var answer = await ari.Channels.PlayWithIdAsync("c1", "pb-list-1", ["sound:beep", "sound:no-such-sound-file", "sound:beep"]);

        Assert.Equal("/ari/channels/c1/play/pb-list-1?media=sound%3Abeep%2Csound%3Ano-such-sound-file%2Csound%3Abeep",
            Assert.Single(server.Requests).RawTarget);
        Assert.Equal(playback, answer);
    }

    [Fact]
    public async Task Originate_sends_ids_app_args_caller_id_timeout_in_the_query_and_variables_as_the_json_body()
    {
        await using var server = await FakeAriServer.StartAsync();
        server.On("POST", "channels/seat-leg1", new FakeReply(200, TraceSamples.Json(TraceSamples.Channel("seat-leg1"), AriJsonContext.Default.Channel)));
        using var ari = Client(server);

        var channel = await ari.Channels.OriginateWithIdAsync("seat-leg1", "Local/seat@seats", app: "ivr", appArgs: "seat-originated,x",
            callerId: "IVR Test <5551234>", timeout: 30, otherChannelId: "seat-leg2",
            variables: new Dictionary<string, string> { ["CALLERID(name)"] = "坐席", ["QUEUE"] = "vat" });

        var request = Assert.Single(server.Requests);
        Assert.Equal("/ari/channels/seat-leg1?endpoint=Local%2Fseat%40seats&app=ivr&appArgs=seat-originated%2Cx"
            + "&callerId=IVR%20Test%20%3C5551234%3E&timeout=30&otherChannelId=seat-leg2", request.RawTarget);
        Assert.Equal("application/json", request.ContentType);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("坐席", body.RootElement.GetProperty("variables").GetProperty("CALLERID(name)").GetString());
        Assert.Equal("vat", body.RootElement.GetProperty("variables").GetProperty("QUEUE").GetString());
        Assert.Equal("seat-leg1", channel.Id);
    }

    [Fact]
    public async Task Requests_carry_basic_auth_and_escape_ids_in_the_path()
    {
        await using var server = await FakeAriServer.StartAsync();
        server.On("DELETE", "channels/odd id%2F1", FakeReply.NoContent); // Kestrel decodes all but %2F
        using var ari = Client(server);

        await ari.Channels.HangupAsync("odd id/1", reason: "normal");

        var request = Assert.Single(server.Requests);
        Assert.Equal("/ari/channels/odd%20id%2F1?reason=normal", request.RawTarget);
        Assert.Equal("Basic aXZyOml2cg==", request.Authorization);
    }

    [Fact]
    public async Task Bridge_calls_send_type_role_and_comma_joined_channels()
    {
        await using var server = await FakeAriServer.StartAsync();
        var bridge = new Bridge { Id = "b1", BridgeType = "holding", Technology = "holding_bridge", Name = "queue-vat", Creator = "Stasis", BridgeClass = "stasis" };
        server.On("POST", "bridges/b1", new FakeReply(200, TraceSamples.Json(bridge, AriJsonContext.Default.Bridge)));
        server.On("POST", "bridges/b1/addChannel", FakeReply.NoContent);
        using var ari = Client(server);

        var created = await ari.Bridges.CreateWithIdAsync("b1", type: "holding", name: "queue-vat");
        await ari.Bridges.AddChannelAsync("b1", ["c1", "c2"], role: "participant");

        Assert.Equal(["/ari/bridges/b1?type=holding&name=queue-vat", "/ari/bridges/b1/addChannel?channel=c1%2Cc2&role=participant"],
            server.Requests.Select(r => r.RawTarget));
        Assert.Equal("holding", created.BridgeType);
    }

    [Fact]
    public async Task Typed_lists_and_stored_recording_bytes_come_back_as_sent()
    {
        await using var server = await FakeAriServer.StartAsync();
        server.On("GET", "channels", new FakeReply(200, $"[{TraceSamples.Json(TraceSamples.Channel("a"), AriJsonContext.Default.Channel)}]"));
        server.On("GET", "recordings/stored/test1/file", new FakeReply(200, "RIFF....WAVE", "audio/wav"));
        server.On("GET", "channels/a/variable", new FakeReply(200, """{"value":"5551234"}"""));
        using var ari = Client(server);

        var channels = await ari.Channels.ListAsync();
        var file = await ari.Recordings.GetStoredFileAsync("test1");
        var variable = await ari.Channels.GetChannelVarAsync("a", "CALLERID(num)");

        Assert.Equal("a", Assert.Single(channels).Id);
        Assert.Equal("RIFF....WAVE"u8.ToArray(), file);
        Assert.Equal("5551234", variable.Value);
        Assert.Contains("/ari/channels/a/variable?variable=CALLERID%28num%29", server.Requests.Select(r => r.RawTarget));
    }

    [Fact]
    public async Task A_list_item_holding_a_comma_is_refused_before_sending_naming_the_parameter()
    {
        await using var server = await FakeAriServer.StartAsync();
        using var ari = Client(server);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ari.Channels.PlayAsync("c1", ["sound:a,b"]));

        Assert.Contains("'media'", e.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task An_empty_channel_id_is_refused_naming_the_parameter()
    {
        await using var server = await FakeAriServer.StartAsync();
        using var ari = Client(server);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ari.Channels.AnswerAsync(""));

        Assert.Contains("channelId", e.Message);
    }

    [Fact]
    public void Options_with_several_mistakes_report_them_all_with_the_fix()
    {
        var e = Assert.Throws<ArgumentException>(() => new AriClient(new AriClientOptions { BaseUrl = new Uri("ftp://x/"), Application = "a,b" }));

        Assert.Contains("BaseUrl 'ftp://x/'", e.Message);
        Assert.Contains("User is empty", e.Message);
        Assert.Contains("Application 'a,b'", e.Message);
    }

    [Fact]
    public async Task An_injected_http_handler_carries_the_requests_instead_of_the_socket_layer()
    {
        var handler = new ReplyingHandler();
        using var ari = new AriClient(new AriClientOptions { BaseUrl = new Uri("http://asterisk.invalid:8088/ari"), User = "ivr", Password = "ivr", Application = "ivr" }, handler);

        var ping = await ari.Asterisk.PingAsync();

        Assert.Equal("pong", ping.Ping);
        Assert.Equal("http://asterisk.invalid:8088/ari/asterisk/ping", handler.Seen!.RequestUri!.ToString());
    }

    sealed class ReplyingHandler : HttpMessageHandler
    {
        public HttpRequestMessage? Seen { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen = request;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent("""{"ping":"pong","timestamp":"2026-11-22T16:56:00.899+0000","asterisk_id":"02:fc"}""", System.Text.Encoding.UTF8, "application/json"),
            });
        }
    }
}
