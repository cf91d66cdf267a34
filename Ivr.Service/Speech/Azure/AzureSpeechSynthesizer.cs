using System.Text;
using Ivr.Service.Speech.Audio;
using Ivr.Service.Speech.Build;

namespace Ivr.Service.Speech.Azure;

/// <summary>
/// Azure AI Speech text-to-speech over REST: one request per Asterisk format, so nothing is resampled locally
/// (riff-8khz-16bit-mono-pcm for .wav, raw-16khz-16bit-mono-pcm for .sln16).
/// </summary>
public sealed class AzureSpeechSynthesizer(AzureSpeechConnection connection) : ISpeechSynthesizer
{
    public const string WavFormat = "riff-8khz-16bit-mono-pcm";
    public const string Sln16Format = "raw-16khz-16bit-mono-pcm";

    public string Engine => "azure";

    public string Describe(SpeechRequest request) =>
        $"azure voice={connection.Options.VoiceFor(request.Language, request.Voice)} rate={connection.Options.Rate}";

    public async Task RenderAsync(SpeechRequest request, RenderTarget target, CancellationToken cancellationToken)
    {
        try
        {
            var ssml = Ssml.For(request, connection.Options.VoiceFor(request.Language, request.Voice), connection.Options.Rate);
            await File.WriteAllBytesAsync(target.WavPath, await SynthesizeAsync(ssml, WavFormat, request, cancellationToken), cancellationToken);
            var wav = WavInfo.Read(target.WavPath);
            if (wav is not { AudioFormat: WavInfo.Pcm, SampleRate: 8000, Channels: 1, BitsPerSample: 16 })
                throw new SpeechRenderException($"{request}: Azure returned {wav} instead of 8 kHz 16-bit mono PCM");
            await File.WriteAllBytesAsync(target.Sln16Path, await SynthesizeAsync(ssml, Sln16Format, request, cancellationToken), cancellationToken);
        }
        catch (AzureSpeechException e) when (!e.KeyRejected)
        {
            throw new SpeechRenderException($"{request}: {e.Message}", e);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidDataException)
        {
            throw new SpeechRenderException($"{request}: {e.Message}", e);
        }
    }

    async Task<byte[]> SynthesizeAsync(string ssml, string format, SpeechRequest request, CancellationToken cancellationToken)
    {
        using var response = await connection.SendAsync(() =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, connection.Options.SynthesisUri)
            {
                Content = new StringContent(ssml, new UTF8Encoding(false), "application/ssml+xml"),
            };
            message.Content.Headers.ContentType!.CharSet = null;
            message.Headers.Add("X-Microsoft-OutputFormat", format);
            return message;
        }, $"text-to-speech of {request}", cancellationToken);
        var audio = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (audio.Length == 0) throw new SpeechRenderException($"{request}: Azure returned no audio for {format}");
        return audio;
    }
}
