using Ivr.Service.Speech.Azure;
using Ivr.Service.Speech.Build;
using Microsoft.Extensions.Configuration;

namespace Ivr.Service.Speech;

/// <summary>Speech configuration (section Speech: Azure and Espeak), read once; the Azure key decides the default engine.</summary>
public sealed record SpeechSettings(AzureSpeechOptions Azure, EspeakOptions Espeak)
{
    /// <summary>appsettings.json beside the program and in the current folder, then environment variables (Speech__Azure__Key …).</summary>
    public static IConfiguration DefaultConfiguration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddJsonFile(Path.GetFullPath("appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Reads section Speech; IVR_AZURE_SPEECH_KEY / IVR_AZURE_SPEECH_REGION win over the section.</summary>
    public static SpeechSettings FromConfiguration(IConfiguration configuration)
    {
        var azure = configuration.GetSection("Speech:Azure").Get<AzureSpeechOptions>() ?? new AzureSpeechOptions();
        if (configuration["IVR_AZURE_SPEECH_KEY"] is { Length: > 0 } key) azure = azure with { Key = key };
        if (configuration["IVR_AZURE_SPEECH_REGION"] is { Length: > 0 } region) azure = azure with { Region = region };
        if (azure.HasKey) azure.Validate();
        var espeak = configuration.GetSection("Speech:Espeak").Get<EspeakOptions>() ?? new EspeakOptions();
        return new SpeechSettings(azure, espeak);
    }

    /// <summary>The engine named by <paramref name="engine"/> ("azure", "espeak"), or Azure when a key is configured and espeak-ng otherwise.</summary>
    public ISpeechSynthesizer CreateSynthesizer(string engine, HttpClient http, TimeProvider time) => engine switch
    {
        "azure" when !Azure.HasKey => throw new ArgumentException(
            "--engine azure needs a key: set IVR_AZURE_SPEECH_KEY and IVR_AZURE_SPEECH_REGION (or Speech:Azure:Key and Speech:Azure:Region)"),
        "azure" => new AzureSpeechSynthesizer(new AzureSpeechConnection(http, Azure, time)),
        "espeak" or "espeak-ng" => new EspeakSynthesizer(Espeak),
        "" => Azure.HasKey ? CreateSynthesizer("azure", http, time) : new EspeakSynthesizer(Espeak),
        _ => throw new ArgumentException($"unknown engine '{engine}' (azure or espeak)"),
    };
}
