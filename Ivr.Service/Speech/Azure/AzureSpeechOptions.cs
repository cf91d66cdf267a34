using System.Text.RegularExpressions;

namespace Ivr.Service.Speech.Azure;

/// <summary>
/// Azure AI Speech settings (configuration section Speech:Azure; IVR_AZURE_SPEECH_KEY and IVR_AZURE_SPEECH_REGION override).
/// Hosts follow the region, Azure China regions (china*) on azure.cn; each endpoint can be given outright instead.
/// </summary>
public sealed partial record AzureSpeechOptions
{
    public string? Key { get; init; }
    public string? Region { get; init; }
    /// <summary>Text-to-speech URL, for a custom or private endpoint; otherwise derived from the region.</summary>
    public Uri? Endpoint { get; init; }
    public Uri? TokenEndpoint { get; init; }
    /// <summary>Short-audio speech-to-text URL without query; otherwise derived from the region.</summary>
    public Uri? RecognitionEndpoint { get; init; }
    /// <summary>Send a bearer token from issueToken instead of the key on every request (keeps the key off the synthesis hosts).</summary>
    public bool UseToken { get; init; }
    /// <summary>Tokens are valid 10 minutes; refreshing at 9 leaves room for clock skew and slow requests.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(9);
    public IReadOnlyDictionary<string, string> Voices { get; init; } = new Dictionary<string, string>
    {
        ["zh-CN"] = "zh-CN-XiaoxiaoNeural",
        ["en-US"] = "en-US-JennyNeural",
    };
    /// <summary>SSML prosody rate; slightly slow for callers on a phone line.</summary>
    public string Rate { get; init; } = "-5%";
    public int MaxAttempts { get; init; } = 5;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public string UserAgent { get; init; } = "ivr-12366";

    public bool HasKey => !string.IsNullOrWhiteSpace(Key);

    /// <summary>Where the service is, for error messages.</summary>
    public string Where => Region ?? Endpoint?.Host ?? "(no region)";

    public Uri SynthesisUri => Endpoint ?? new Uri($"https://{RequireRegion()}.tts.speech.{Cloud}/cognitiveservices/v1");

    public Uri TokenUri => TokenEndpoint ?? new Uri($"https://{RequireRegion()}.api.cognitive.{(IsChina ? "azure.cn" : "microsoft.com")}/sts/v1.0/issueToken");

    public Uri RecognitionUri(string language) => new(
        (RecognitionEndpoint?.ToString() ?? $"https://{RequireRegion()}.stt.speech.{Cloud}/speech/recognition/conversation/cognitiveservices/v1")
        + $"?language={Uri.EscapeDataString(language)}&format=detailed");

    public string VoiceFor(string language, string? promptVoice) => promptVoice
        ?? (Voices.TryGetValue(language, out var v) ? v
            : throw new ArgumentException($"no Azure voice for language '{language}': set Speech:Azure:Voices:{language}"));

    /// <summary>Checks the settings once at start-up; the message says which setting to fix.</summary>
    public void Validate()
    {
        if (!HasKey) throw new ArgumentException("Speech:Azure:Key (or IVR_AZURE_SPEECH_KEY) is not set");
        if (Region is not null && !RegionName().IsMatch(Region))
            throw new ArgumentException($"Speech:Azure:Region '{Region}' is not a region name like eastasia or chinaeast2");
        if (Region is null && (Endpoint is null || (UseToken && TokenEndpoint is null)))
            throw new ArgumentException("Speech:Azure:Region (or IVR_AZURE_SPEECH_REGION) is required unless Speech:Azure:Endpoint"
                + (UseToken ? " and Speech:Azure:TokenEndpoint are" : " is") + " set");
        if (MaxAttempts < 1) throw new ArgumentException("Speech:Azure:MaxAttempts must be at least 1");
    }

    bool IsChina => Region?.StartsWith("china", StringComparison.Ordinal) == true;

    string Cloud => IsChina ? "azure.cn" : "microsoft.com";

    string RequireRegion() => Region ?? throw new ArgumentException("Speech:Azure:Region (or IVR_AZURE_SPEECH_REGION) is not set");

    [GeneratedRegex("^[a-z0-9]+$")]
    private static partial Regex RegionName();
}
