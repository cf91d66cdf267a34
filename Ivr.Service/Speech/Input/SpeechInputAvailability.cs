namespace Ivr.Service.Speech.Input;

/// <summary>Whether menus can take spoken answers, and the one line the service logs about it at start-up.</summary>
public sealed record SpeechInputAvailability(bool Available, string Description)
{
    public static SpeechInputAvailability From(SpeechSettings settings) => settings.Azure.HasKey
        ? new(true, $"Speech input on: menus with keywords also accept speech (Azure speech-to-text, {settings.Azure.Where})")
        : new(false, "Speech input off: no Azure Speech key (Speech:Azure:Key or IVR_AZURE_SPEECH_KEY), so menus accept DTMF keys only");
}
