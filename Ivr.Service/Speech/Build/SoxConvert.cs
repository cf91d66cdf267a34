namespace Ivr.Service.Speech.Build;

/// <summary>sox conversions of any WAV into the two files Asterisk plays: 8 kHz WAV for narrowband, raw 16 kHz for sln16.</summary>
public static class SoxConvert
{
    public static async Task ToAsteriskFormatsAsync(string sox, string source, RenderTarget target, CancellationToken cancellationToken)
    {
        await ExternalProgram.RunAsync(sox,
            [source, "-t", "wav", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", target.WavPath], cancellationToken);
        await ExternalProgram.RunAsync(sox,
            [source, "-t", "raw", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-L", target.Sln16Path], cancellationToken);
    }
}
