using System.Text;
using Ivr.Service.Speech.Audio;
using Ivr.Service.Speech.Azure;
using Ivr.Service.Speech.Build;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Tests.Speech;

public class AzureSynthesizerTests
{
    const string Tts = "/cognitiveservices/v1";
    const string Token = "/sts/v1.0/issueToken";

    static readonly SpeechRequest Welcome = new("welcome", "zh-CN", "您好，欢迎致电 12366 & 再见[pause 300ms]。", null, null);

    static readonly byte[] Wav8k = WavInfo.WrapPcm16Mono(new byte[1600], 8000);
    static readonly byte[] Raw16k = new byte[3200];

    static AzureSpeechOptions Options(ScriptedHttpServer server, bool useToken = false) => new()
    {
        Key = "test-key-123",
        Region = "eastasia",
        Endpoint = server.Url(Tts),
        TokenEndpoint = server.Url(Token),
        UseToken = useToken,
        BaseDelay = TimeSpan.FromMilliseconds(10),
    };

    static (AzureSpeechSynthesizer, HttpClient) Synthesizer(AzureSpeechOptions options, TimeProvider? time = null)
    {
        var http = new HttpClient();
        return (new AzureSpeechSynthesizer(new AzureSpeechConnection(http, options, time ?? TimeProvider.System)), http);
    }

    static ScriptedResponse Audio(byte[] bytes) => new(200, bytes, "audio/x-wav");

    [Fact]
    public async Task Synthesis_sends_the_key_output_format_and_SSML_byte_for_byte_and_writes_both_formats()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.Reply(Tts, Audio(Wav8k), Audio(Raw16k));
        using var dir = new TempFolder();
        var (engine, http) = Synthesizer(Options(server));
        using var _ = http;

        await engine.RenderAsync(Welcome, new RenderTarget(dir.Combine("w.wav"), dir.Combine("w.sln16")), CancellationToken.None);

        var requests = server.To(Tts);
        Assert.Equal(2, requests.Length);
        const string ssml = """<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xmlns:mstts="https://www.w3.org/2001/mstts" xml:lang="zh-CN"><voice name="zh-CN-XiaoxiaoNeural"><prosody rate="-5%">您好，欢迎致电 12366 &amp; 再见<break time="300ms"/>。</prosody></voice></speak>""";
        foreach (var (request, format) in requests.Zip(["riff-8khz-16bit-mono-pcm", "raw-16khz-16bit-mono-pcm"]))
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal(Tts, request.PathAndQuery);
            Assert.Equal(new Dictionary<string, string>
            {
                ["Host"] = server.BaseUri.Authority,
                ["Ocp-Apim-Subscription-Key"] = "test-key-123",
                ["X-Microsoft-OutputFormat"] = format,
                ["User-Agent"] = "ivr-12366",
                ["Content-Type"] = "application/ssml+xml",
                ["Content-Length"] = Encoding.UTF8.GetByteCount(ssml).ToString(),
            }.OrderBy(h => h.Key), request.Headers.OrderBy(h => h.Key));
            Assert.Equal(Encoding.UTF8.GetBytes(ssml), request.Body);
        }
        Assert.Equal(Wav8k, File.ReadAllBytes(dir.Combine("w.wav")));
        Assert.Equal(Raw16k, File.ReadAllBytes(dir.Combine("w.sln16")));
    }

    [Fact]
    public async Task A_prompt_voice_and_style_go_into_the_SSML()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.Reply(Tts, Audio(Wav8k), Audio(Raw16k));
        using var dir = new TempFolder();
        var (engine, http) = Synthesizer(Options(server) with { Rate = "-10%" });
        using var _ = http;

        await engine.RenderAsync(new SpeechRequest("bye", "en-US", "Goodbye.", "en-US-GuyNeural", "customerservice"),
            new RenderTarget(dir.Combine("b.wav"), dir.Combine("b.sln16")), CancellationToken.None);

        Assert.Equal("""<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xmlns:mstts="https://www.w3.org/2001/mstts" xml:lang="en-US"><voice name="en-US-GuyNeural"><mstts:express-as style="customerservice"><prosody rate="-10%">Goodbye.</prosody></mstts:express-as></voice></speak>""",
            Encoding.UTF8.GetString(server.To(Tts)[0].Body));
        Assert.Equal("azure voice=en-US-GuyNeural rate=-10%", engine.Describe(new SpeechRequest("bye", "en-US", "Goodbye.", "en-US-GuyNeural", null)));
    }

    [Fact]
    public async Task With_token_auth_a_token_is_fetched_once_reused_and_refreshed_after_nine_minutes()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.Reply(Token, ScriptedResponse.Text(200, "token-1"), ScriptedResponse.Text(200, "token-2"));
        server.Reply(Tts, Audio(Wav8k), Audio(Raw16k), Audio(Wav8k), Audio(Raw16k), Audio(Wav8k), Audio(Raw16k));
        using var dir = new TempFolder();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T09:00:00Z"));
        var (engine, http) = Synthesizer(Options(server, useToken: true), time);
        using var _ = http;
        var target = new RenderTarget(dir.Combine("w.wav"), dir.Combine("w.sln16"));

        await engine.RenderAsync(Welcome, target, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(8));
        await engine.RenderAsync(Welcome, target, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        await engine.RenderAsync(Welcome, target, CancellationToken.None);

        var tokenRequests = server.To(Token);
        Assert.Equal(2, tokenRequests.Length);
        Assert.All(tokenRequests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal("test-key-123", r.Headers["Ocp-Apim-Subscription-Key"]);
            Assert.Equal("0", r.Headers["Content-Length"]);
            Assert.Empty(r.Body);
        });
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-1", "Bearer token-1", "Bearer token-2", "Bearer token-2"],
            server.To(Tts).Select(r => r.Headers["Authorization"]));
        Assert.All(server.To(Tts), r => Assert.False(r.Headers.ContainsKey("Ocp-Apim-Subscription-Key")));
    }

    [Fact]
    public async Task A_token_the_service_no_longer_accepts_is_replaced_once()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.Reply(Token, ScriptedResponse.Text(200, "old"), ScriptedResponse.Text(200, "new"));
        server.Reply(Tts, ScriptedResponse.Text(401, "expired"), Audio(Wav8k), Audio(Raw16k));
        using var dir = new TempFolder();
        var (engine, http) = Synthesizer(Options(server, useToken: true));
        using var _ = http;

        await engine.RenderAsync(Welcome, new RenderTarget(dir.Combine("w.wav"), dir.Combine("w.sln16")), CancellationToken.None);

        Assert.Equal(["Bearer old", "Bearer new", "Bearer new"], server.To(Tts).Select(r => r.Headers["Authorization"]));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_the_service_asks_for()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.Reply(Tts, ScriptedResponse.Text(429, "Too many requests", ("Retry-After", "1")), Audio(Wav8k),
            ScriptedResponse.Text(503, "busy"), Audio(Raw16k));
        using var dir = new TempFolder();
        var (engine, http) = Synthesizer(Options(server));
        using var _ = http;

        await engine.RenderAsync(Welcome, new RenderTarget(dir.Combine("w.wav"), dir.Combine("w.sln16")), CancellationToken.None);

        var requests = server.To(Tts);
        Assert.Equal(4, requests.Length);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {(requests[1].At - requests[0].At).TotalMilliseconds} ms");
        Assert.Equal(Raw16k, File.ReadAllBytes(dir.Combine("w.sln16")));
    }

    [Fact]
    public async Task A_service_that_stays_unavailable_fails_the_prompt_by_name_after_the_last_attempt()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.Reply(Tts, Enumerable.Repeat(ScriptedResponse.Text(500, "internal error"), 3).ToArray());
        using var dir = new TempFolder();
        var (engine, http) = Synthesizer(Options(server) with { MaxAttempts = 3 });
        using var _ = http;

        var e = await Assert.ThrowsAsync<SpeechRenderException>(() =>
            engine.RenderAsync(Welcome, new RenderTarget(dir.Combine("w.wav"), dir.Combine("w.sln16")), CancellationToken.None));

        Assert.StartsWith("prompt 'welcome' (zh-CN): Azure Speech text-to-speech", e.Message);
        Assert.Contains("HTTP 500", e.Message);
        Assert.Contains("after 3 attempts: internal error", e.Message);
        Assert.Equal(3, server.To(Tts).Length);
    }

    [Theory]
    [InlineData(false, Tts)]
    [InlineData(true, Token)]
    public async Task A_rejected_key_stops_with_an_error_naming_the_region(bool useToken, string rejecting)
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.Reply(rejecting, ScriptedResponse.Text(401, "Access denied due to invalid subscription key."));
        using var dir = new TempFolder();
        var (engine, http) = Synthesizer(Options(server, useToken));
        using var _ = http;

        var e = await Assert.ThrowsAsync<AzureSpeechException>(() =>
            engine.RenderAsync(Welcome, new RenderTarget(dir.Combine("w.wav"), dir.Combine("w.sln16")), CancellationToken.None));

        Assert.True(e.KeyRejected);
        Assert.StartsWith("Azure Speech key rejected for region eastasia (HTTP 401", e.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Audio_that_is_not_8kHz_PCM_is_refused_by_name()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.Reply(Tts, Audio(WavInfo.WrapPcm16Mono(new byte[100], 24000)));
        using var dir = new TempFolder();
        var (engine, http) = Synthesizer(Options(server));
        using var _ = http;

        var e = await Assert.ThrowsAsync<SpeechRenderException>(() =>
            engine.RenderAsync(Welcome, new RenderTarget(dir.Combine("w.wav"), dir.Combine("w.sln16")), CancellationToken.None));
        Assert.Contains("prompt 'welcome' (zh-CN): Azure returned", e.Message);
        Assert.Contains("SampleRate = 24000", e.Message);
    }
}
