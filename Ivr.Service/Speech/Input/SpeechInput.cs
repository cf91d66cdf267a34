using Ivr.Service.Speech.Azure;

namespace Ivr.Service.Speech.Input;

/// <summary>
/// What calls need to take spoken answers: Azure's recogniser and the recording limits. Exists only when an Azure
/// Speech key is configured; without one, calls never record to listen.
/// </summary>
public sealed class SpeechInput(AzureSpeechRecognizer recognizer, SpeechListenOptions options)
{
    public SpeechListenOptions Options => options;

    /// <summary>Null when speech input is off (no Azure key), as <see cref="SpeechInputAvailability"/> reports it.</summary>
    public static SpeechInput? FromConfiguration(IConfiguration configuration, TimeProvider time)
    {
        var settings = SpeechSettings.FromConfiguration(configuration);
        if (!SpeechInputAvailability.From(settings).Available) return null;
        var options = configuration.GetSection("Speech:Listen").Get<SpeechListenOptions>() ?? new SpeechListenOptions();
        options.Validate();
        var connection = new AzureSpeechConnection(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            settings.Azure, time);
        return new SpeechInput(new AzureSpeechRecognizer(connection), options);
    }

    /// <summary>A listener speaking through <paramref name="ari"/> (a call's connection changes when Asterisk reconnects).</summary>
    public SpokenAnswerListener ListenerFor(Ivr.Ari.IAriClient ari) => new(ari, recognizer, options);
}
