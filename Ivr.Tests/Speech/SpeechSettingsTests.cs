using Ivr.Service.Speech;
using Ivr.Service.Speech.Azure;
using Ivr.Service.Speech.Build;
using Ivr.Service.Speech.Input;
using Microsoft.Extensions.Configuration;

namespace Ivr.Tests.Speech;

public class SpeechSettingsTests
{
    static SpeechSettings Load(params (string Key, string Value)[] values) => SpeechSettings.FromConfiguration(
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Theory]
    [InlineData("eastasia", "https://eastasia.tts.speech.microsoft.com/cognitiveservices/v1", "https://eastasia.api.cognitive.microsoft.com/sts/v1.0/issueToken",
        "https://eastasia.stt.speech.microsoft.com/speech/recognition/conversation/cognitiveservices/v1?language=zh-CN&format=detailed")]
    [InlineData("chinaeast2", "https://chinaeast2.tts.speech.azure.cn/cognitiveservices/v1", "https://chinaeast2.api.cognitive.azure.cn/sts/v1.0/issueToken",
        "https://chinaeast2.stt.speech.azure.cn/speech/recognition/conversation/cognitiveservices/v1?language=zh-CN&format=detailed")]
    public void Hosts_follow_the_region_with_Azure_China_on_azure_cn(string region, string tts, string token, string stt)
    {
        var options = new AzureSpeechOptions { Key = "k", Region = region };
        Assert.Equal((tts, token, stt), (options.SynthesisUri.ToString(), options.TokenUri.ToString(), options.RecognitionUri("zh-CN").ToString()));
    }

    [Fact]
    public void Environment_key_and_region_win_and_make_Azure_the_default_engine()
    {
        var settings = Load(("Speech:Azure:Key", "from-file"), ("Speech:Azure:Region", "westus"),
            ("IVR_AZURE_SPEECH_KEY", "from-env"), ("IVR_AZURE_SPEECH_REGION", "chinanorth3"),
            ("Speech:Azure:Voices:zh-CN", "zh-CN-YunxiNeural"), ("Speech:Azure:UseToken", "true"));

        Assert.Equal(("from-env", "chinanorth3", true), (settings.Azure.Key, settings.Azure.Region, settings.Azure.UseToken));
        Assert.Equal("zh-CN-YunxiNeural", settings.Azure.VoiceFor("zh-CN", null));
        Assert.Equal("en-US-JennyNeural", settings.Azure.VoiceFor("en-US", null));
        using var http = new HttpClient();
        Assert.IsType<AzureSpeechSynthesizer>(settings.CreateSynthesizer("", http, TimeProvider.System));
        Assert.IsType<EspeakSynthesizer>(settings.CreateSynthesizer("espeak", http, TimeProvider.System));
        Assert.True(SpeechInputAvailability.From(settings).Available);
    }

    [Fact]
    public void Without_a_key_prompts_use_espeak_and_speech_input_is_off_saying_so()
    {
        var settings = Load();
        using var http = new HttpClient();

        Assert.IsType<EspeakSynthesizer>(settings.CreateSynthesizer("", http, TimeProvider.System));
        Assert.Contains("IVR_AZURE_SPEECH_KEY", Assert.Throws<ArgumentException>(() => settings.CreateSynthesizer("azure", http, TimeProvider.System)).Message);
        var availability = SpeechInputAvailability.From(settings);
        Assert.False(availability.Available);
        Assert.Equal("Speech input off: no Azure Speech key (Speech:Azure:Key or IVR_AZURE_SPEECH_KEY), so menus accept DTMF keys only", availability.Description);
    }

    [Theory]
    [InlineData("East Asia", "Speech:Azure:Region 'East Asia' is not a region name")]
    [InlineData(null, "Speech:Azure:Region (or IVR_AZURE_SPEECH_REGION) is required")]
    public void A_key_without_a_usable_region_is_refused_naming_the_setting(string? region, string message)
    {
        var values = new List<(string, string)> { ("Speech:Azure:Key", "k") };
        if (region is not null) values.Add(("Speech:Azure:Region", region));
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(() => Load([.. values])).Message);
    }
}
