using System.Net;
using System.Net.Sockets;
using Ivr.Ari;
using Ivr.Ari.Errors;
using Ivr.Tests.Ari.FakeAri;

namespace Ivr.Tests.Ari;

public sealed class RestErrorTests
{
    [Theory]
    [InlineData(404, "application/json", """{"message": "Channel not found"}""", typeof(AriNotFoundException), AriErrorKind.NotFound, "Channel not found")]
    [InlineData(409, "application/json", """{"message": "Channel is not in the 'Down' state"}""", typeof(AriConflictException), AriErrorKind.Conflict, "Channel is not in the 'Down' state")]
    [InlineData(400, "application/json", """{"message": "Field 'media' is required"}""", typeof(AriBadRequestException), AriErrorKind.BadRequest, "Field 'media' is required")]
    [InlineData(422, "application/json", """{"message": "Channel not in Stasis application"}""", typeof(AriBadRequestException), AriErrorKind.BadRequest, "Channel not in Stasis application")]
    [InlineData(401, "application/json", """{"message": "Authentication required"}""", typeof(AriException), AriErrorKind.Unauthorized, "Authentication required")]
    [InlineData(503, "text/html", "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\r\n<html><head>\r\n<title>503 Service Unavailable</title>\r\n</head><body>\r\n<h1>Service Unavailable</h1>\r\n<p>Shutdown in progress</p>\r\n<hr />\r\n</body></html>", typeof(AriUnavailableException), AriErrorKind.Unavailable, "Shutdown in progress")]
    [InlineData(503, "application/json", """{"message":"Asterisk not booted"}""", typeof(AriUnavailableException), AriErrorKind.Unavailable, "Asterisk not booted")]
    [InlineData(500, "text/plain", "", typeof(AriException), AriErrorKind.Failed, "InternalServerError")]
    public async Task An_error_answer_becomes_a_typed_exception_with_status_message_method_and_path(
        int status, string contentType, string body, Type expected, AriErrorKind kind, string message)
    {
        await using var server = await FakeAriServer.StartAsync();
        server.On("POST", "channels/c1/answer", new FakeReply(status, body, contentType));
        using var ari = new AriClient(server.Options());

        var e = await Assert.ThrowsAnyAsync<AriException>(() => ari.Channels.AnswerAsync("c1"));

        Assert.IsType(expected, e);
        Assert.Equal(kind, e.Kind);
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(message, e.AriMessage);
        Assert.Equal("POST", e.Method);
        Assert.Equal("channels/c1/answer", e.Path);
        Assert.Contains($"POST /channels/c1/answer failed: {status}", e.Message);
    }

    [Fact]
    public async Task Hanging_up_a_channel_that_is_already_gone_is_an_expected_outcome_not_a_crash()
    {
        await using var server = await FakeAriServer.StartAsync();
        server.On("DELETE", "channels/here", FakeReply.NoContent);
        server.On("DELETE", "channels/busy", new FakeReply(409, """{"message":"x"}"""));
        using var ari = new AriClient(server.Options());

        Assert.True(await ari.Channels.HangupAsync("here").IgnoreNotFound());
        Assert.False(await ari.Channels.HangupAsync("gone").IgnoreNotFound());
        Assert.Null(await ari.Channels.GetAsync("gone").IgnoreNotFound());
        await Assert.ThrowsAsync<AriConflictException>(() => ari.Channels.HangupAsync("busy").IgnoreNotFound());
    }

    [Fact]
    public async Task A_refused_connection_is_a_transient_unavailable_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var ari = new AriClient(new AriClientOptions { BaseUrl = new Uri($"http://127.0.0.1:{port}/ari/"), User = "ivr", Password = "ivr", Application = "ivr" });

        var e = await Assert.ThrowsAsync<AriUnavailableException>(() => ari.Asterisk.PingAsync());

        Assert.True(e.IsTransient);
        Assert.Null(e.StatusCode);
        Assert.Contains($"127.0.0.1:{port}", e.AriMessage);
        Assert.Equal("asterisk/ping", e.Path);
    }

    [Fact]
    public async Task A_request_without_answer_within_the_timeout_fails_as_a_timeout_naming_the_option()
    {
        await using var server = await FakeAriServer.StartAsync();
        server.On("POST", "channels/c1/variable", new FakeReply(204, Delay: TimeSpan.FromSeconds(5)));
        using var ari = new AriClient(server.Options(requestTimeout: TimeSpan.FromMilliseconds(200)));

        var e = await Assert.ThrowsAsync<AriTimeoutException>(() => ari.Channels.SetChannelVarAsync("c1", "X", "1"));

        Assert.Equal(AriErrorKind.Timeout, e.Kind);
        Assert.Contains("RequestTimeout", e.Message);
    }

    [Fact]
    public async Task Cancelling_a_request_is_a_cancellation_not_a_timeout()
    {
        await using var server = await FakeAriServer.StartAsync();
        server.On("POST", "channels/c1/variable", new FakeReply(204, Delay: TimeSpan.FromSeconds(5)));
        using var ari = new AriClient(server.Options());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ari.Channels.SetChannelVarAsync("c1", "X", "1", cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task A_body_that_is_not_the_promised_type_is_an_invalid_response_error()
    {
        await using var server = await FakeAriServer.StartAsync();
        server.On("GET", "channels/c1", new FakeReply(200, "[1,2]"));
        using var ari = new AriClient(server.Options());

        var e = await Assert.ThrowsAsync<AriException>(() => ari.Channels.GetAsync("c1"));

        Assert.Equal(AriErrorKind.InvalidResponse, e.Kind);
        Assert.Contains("Channel", e.AriMessage);
    }
}
