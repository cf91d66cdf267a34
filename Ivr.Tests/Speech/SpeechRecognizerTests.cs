using Ivr.Service.Speech.Audio;
using Ivr.Service.Speech.Azure;
using Ivr.Service.Speech.Input;

namespace Ivr.Tests.Speech;

public class SpeechRecognizerTests
{
    const string Stt = "/speech/recognition/conversation/cognitiveservices/v1";

    // Shaped like replies of the short-audio REST API with format=detailed.
    const string Success = """
        {"RecognitionStatus":"Success","Offset":3600000,"Duration":9600000,"DisplayText":"我要查发票。",
         "NBest":[{"Confidence":0.87,"Lexical":"我 要 查 发票","ITN":"我要查发票","MaskedITN":"我要查发票","Display":"我要查发票。"},
                  {"Confidence":0.41,"Lexical":"我 要 查 发标","ITN":"我要查发标","MaskedITN":"我要查发标","Display":"我要查发标。"}]}
        """;
    const string Silence = """{"RecognitionStatus":"InitialSilenceTimeout","Offset":50000000,"Duration":0}""";

    static AzureSpeechRecognizer Recognizer(ScriptedHttpServer server, HttpClient http) => new(new AzureSpeechConnection(http,
        new AzureSpeechOptions { Key = "test-key-123", Region = "eastasia", RecognitionEndpoint = server.Url(Stt), BaseDelay = TimeSpan.FromMilliseconds(10) },
        TimeProvider.System));

    [Fact]
    public async Task A_recording_is_sent_as_16kHz_PCM_WAV_with_language_and_detailed_format_and_the_reply_is_read()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.Reply(Stt, new ScriptedResponse(200, System.Text.Encoding.UTF8.GetBytes(Success), "application/json"));
        using var http = new HttpClient();
        var wav = WavInfo.WrapPcm16Mono(new byte[32000], 16000);

        var result = await Recognizer(server, http).RecognizeAsync(wav, "zh-CN", CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", Stt + "?language=zh-CN&format=detailed"), (request.Method, request.PathAndQuery));
        Assert.Equal("audio/wav; codecs=audio/pcm; samplerate=16000", request.Headers["Content-Type"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Equal("test-key-123", request.Headers["Ocp-Apim-Subscription-Key"]);
        Assert.Equal("ivr-12366", request.Headers["User-Agent"]);
        Assert.Equal(wav, request.Body);
        Assert.Equal(RecognitionStatus.Success, result.Status);
        Assert.Equal("我要查发票。", result.DisplayText);
        Assert.Equal(["我要查发票。", "我 要 查 发票", "我要查发标。", "我 要 查 发标"], result.Candidates);
        Assert.Equal(0.87, result.Alternatives[0].Confidence);
    }

    [Fact]
    public async Task Silence_is_a_result_not_an_error_and_matches_nothing()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.Reply(Stt, ScriptedResponse.Text(503, "busy"), new ScriptedResponse(200, System.Text.Encoding.UTF8.GetBytes(Silence), "application/json"));
        using var http = new HttpClient();

        var result = await Recognizer(server, http).RecognizeAsync(WavInfo.WrapPcm16Mono(new byte[320], 16000), "en-US", CancellationToken.None);

        Assert.Equal(RecognitionStatus.InitialSilenceTimeout, result.Status);
        Assert.Null(new KeywordMatcher([new SpeechKeyword("1", ["invoice"])]).Match(result));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task An_8kHz_recording_is_refused_before_anything_is_sent()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            Recognizer(server, http).RecognizeAsync(WavInfo.WrapPcm16Mono(new byte[320], 8000), "zh-CN", CancellationToken.None));
        Assert.StartsWith("speech input must be 16 kHz 16-bit mono PCM WAV", e.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void A_reply_that_is_not_a_recognition_result_is_refused_by_the_parser() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => AzureSpeechRecognizer.Parse("<html>gateway</html>"));
}
