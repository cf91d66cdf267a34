using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Service.Speech.Audio;
using Ivr.Service.Speech.Azure;
using Ivr.Service.Speech.Input;
using Ivr.Simulator;
using Ivr.Tests.Simulator;

namespace Ivr.Tests.Speech;

/// <summary>A caller answers a menu by voice: recorded through ARI on the simulator, recognised by a local stand-in for Azure.</summary>
public sealed class SpokenAnswerTests : IAsyncLifetime
{
    const string Stt = "/speech/recognition/conversation/cognitiveservices/v1";

    static readonly KeywordMatcher Keywords = new([new SpeechKeyword("1", ["发票", "发票查验"]), new SpeechKeyword("2", ["申报"])]);

    AsteriskSimulator sim = null!;
    ScriptedHttpServer azure = null!;
    AriClient ari = null!;
    AriEventStream events = null!;
    HttpClient http = null!;

    public async Task InitializeAsync()
    {
        sim = await AsteriskSimulator.StartAsync(new SimulatorOptions { Speed = 10 });
        azure = await ScriptedHttpServer.StartAsync();
        ari = new AriClient(new AriClientOptions { BaseUrl = sim.AriUrl, User = "ivr", Password = sim.Password, Application = "ivr" });
        events = new AriEventStream(ari, (_, _) => ValueTask.CompletedTask).Start();
        http = new HttpClient();
        for (var i = 0; i < 100 && !events.IsConnected; i++) await Task.Delay(20);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await events.DisposeAsync();
        ari.Dispose();
        await azure.DisposeAsync();
        await sim.DisposeAsync();
    }

    SpokenAnswerListener Listener(string format = "wav") => new(ari,
        new AzureSpeechRecognizer(new AzureSpeechConnection(http, new AzureSpeechOptions { Key = "k", Region = "eastasia", RecognitionEndpoint = azure.Url(Stt) }, TimeProvider.System)),
        new SpeechListenOptions { Format = format, MaxSeconds = 8, MaxSilenceSeconds = 1 });

    async Task<VirtualCall> CallAsync()
    {
        var call = await sim.DialAsync("12366");
        await using var raw = new RawAri(sim);
        for (var i = 0; i < 100 && (await raw.GetAsync($"channels/{call.IvrChannelId}")).Body.GetProperty("dialplan").GetProperty("app_name").GetString() != "Stasis"; i++)
            await Task.Delay(20);
        return call;
    }

    static ScriptedResponse Heard(string json) => new(200, System.Text.Encoding.UTF8.GetBytes(json), "application/json");

    [Fact]
    public async Task A_caller_who_says_they_want_to_check_an_invoice_picks_key_1_and_the_recording_is_deleted()
    {
        azure.Reply(Stt, Heard("""{"RecognitionStatus":"Success","DisplayText":"我要查发票。","NBest":[{"Confidence":0.9,"Lexical":"我 要 查 发票","Display":"我要查发票。"}]}"""));
        var call = await CallAsync();
        var listening = Listener().ListenAsync(call.IvrChannelId, "zh-CN", Keywords, CancellationToken.None);
        await Task.Delay(50);
        await call.SayAsync(TimeSpan.FromSeconds(1.5));

        var answer = await listening.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(SpokenAnswerOutcome.Matched, answer.Outcome);
        Assert.Equal(("1", "发票"), (answer.Match!.Key, answer.Match.Phrase));
        var sent = Assert.Single(azure.To(Stt));
        Assert.Equal(Stt + "?language=zh-CN&format=detailed", sent.PathAndQuery);
        using (var wav = new MemoryStream(sent.Body))
        {
            var info = WavInfo.Read(wav, "sent audio");
            Assert.Equal((16000, 1, 16), (info.SampleRate, info.Channels, info.BitsPerSample));
            // At least what the caller said; at most the recording limit (timer jitter at speed 10 stretches the silence).
            Assert.InRange(info.Duration, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));
        }
        Assert.Empty(await ari.Recordings.ListStoredAsync());
    }

    [Fact]
    public async Task Speech_that_names_no_choice_is_not_understood_and_silence_is_silence()
    {
        azure.Reply(Stt, Heard("""{"RecognitionStatus":"Success","DisplayText":"今天天气怎么样？"}"""),
            Heard("""{"RecognitionStatus":"InitialSilenceTimeout","Offset":0,"Duration":0}"""));
        var call = await CallAsync();

        var first = Listener().ListenAsync(call.IvrChannelId, "zh-CN", Keywords, CancellationToken.None);
        await Task.Delay(50);
        await call.SayAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(SpokenAnswerOutcome.NotUnderstood, (await first.WaitAsync(TimeSpan.FromSeconds(10))).Outcome);

        var second = await Listener().ListenAsync(call.IvrChannelId, "zh-CN", Keywords, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SpokenAnswerOutcome.Silence, second.Outcome);
    }

    [Fact]
    public async Task A_caller_who_hangs_up_while_answering_ends_listening_without_asking_Azure()
    {
        var call = await CallAsync();
        var listening = Listener().ListenAsync(call.IvrChannelId, "zh-CN", Keywords, CancellationToken.None);
        await Task.Delay(50);
        await call.HangUpAsync();

        var answer = await listening.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(answer.Outcome == SpokenAnswerOutcome.HungUp, $"{answer.Outcome}: {answer.Failure}");
        Assert.Empty(azure.Requests);
        Assert.Empty(await ari.Recordings.ListStoredAsync());
        Assert.Equal(SpokenAnswerOutcome.HungUp, (await Listener().ListenAsync(call.IvrChannelId, "zh-CN", Keywords, CancellationToken.None)).Outcome);
    }

    [Fact]
    public void Raw_recordings_and_8kHz_wav_become_16kHz_wav_for_Azure()
    {
        var sln16 = RecordedAudio.ToWav16k(new byte[3200], "sln16");
        var sln = RecordedAudio.ToWav16k(new byte[1600], "sln");
        var wav8k = RecordedAudio.ToWav16k(WavInfo.WrapPcm16Mono(new byte[1600], 8000), "wav");
        foreach (var wav in new[] { sln16, sln, wav8k })
            Assert.Equal(new WavInfo(WavInfo.Pcm, 1, 16000, 16, 3200), WavInfo.Read(new MemoryStream(wav), "converted"));
        Assert.Contains("'gsm'", Assert.Throws<InvalidDataException>(() => RecordedAudio.ToWav16k(new byte[10], "gsm")).Message);
    }
}
