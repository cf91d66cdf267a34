using System.Text.Json;
using Ivr.Service.Speech.Audio;
using Ivr.Service.Speech.Azure;

namespace Ivr.Service.Speech.Input;

/// <summary>
/// Azure short-audio speech-to-text over REST (recordings up to 60 s): one 16 kHz 16-bit mono PCM WAV in, the
/// recognised text and its NBest hypotheses out. Authentication and retries are the connection's.
/// </summary>
public sealed class AzureSpeechRecognizer(AzureSpeechConnection connection)
{
    public const string ContentType = "audio/wav; codecs=audio/pcm; samplerate=16000";

    /// <summary>Recognises <paramref name="wav"/> (wrap an sln16 recording with <see cref="WavInfo.WrapPcm16Mono"/>) in <paramref name="language"/> (zh-CN, en-US).</summary>
    public async Task<RecognitionResult> RecognizeAsync(byte[] wav, string language, CancellationToken cancellationToken)
    {
        using (var header = new MemoryStream(wav, writable: false))
        {
            var info = WavInfo.Read(header, "speech input");
            if (info is not { AudioFormat: WavInfo.Pcm, SampleRate: 16000, Channels: 1, BitsPerSample: 16 })
                throw new ArgumentException($"speech input must be 16 kHz 16-bit mono PCM WAV, not {info}", nameof(wav));
        }
        using var response = await connection.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, connection.Options.RecognitionUri(language)) { Content = new ByteArrayContent(wav) };
            // codecs=audio/pcm is not a valid token for .NET's strict media type parser, but it is what Azure expects.
            request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            request.Headers.Accept.ParseAdd("application/json");
            return request;
        }, $"speech-to-text ({language})", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return Parse(body);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new AzureSpeechException($"Azure speech-to-text returned a reply that is not a recognition result ({e.Message}): {body[..Math.Min(body.Length, 200)]}");
        }
    }

    /// <summary>Reads Azure's detailed-format JSON reply.</summary>
    public static RecognitionResult Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var statusText = root.GetProperty("RecognitionStatus").GetString();
        var status = Enum.TryParse<RecognitionStatus>(statusText, out var s) ? s : RecognitionStatus.Other;
        var display = root.TryGetProperty("DisplayText", out var d) ? d.GetString() ?? "" : "";
        var alternatives = new List<RecognitionAlternative>();
        if (root.TryGetProperty("NBest", out var nbest))
            foreach (var n in nbest.EnumerateArray())
                alternatives.Add(new RecognitionAlternative(
                    n.TryGetProperty("Display", out var nd) ? nd.GetString() ?? "" : "",
                    n.TryGetProperty("Lexical", out var nl) ? nl.GetString() ?? "" : "",
                    n.TryGetProperty("Confidence", out var c) ? c.GetDouble() : 0));
        if (display.Length == 0 && alternatives.Count > 0) display = alternatives[0].Display;
        return new RecognitionResult(status, display, alternatives);
    }
}
