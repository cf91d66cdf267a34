using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json;
using Ivr.Service.Speech.Audio;
using Ivr.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ivr.Tests.Speech;

/// <summary>
/// A stand-in for Azure's short-audio speech-to-text on loopback. It checks every request as Azure would (key header,
/// language and detailed format in the query, 16 kHz 16-bit mono PCM WAV) and answers 400 naming what is wrong. Audio
/// with no voice in it gets InitialSilenceTimeout; audio with voice gets the next words the test scripted, so a service
/// that sent silence or someone else's audio cannot pass.
/// </summary>
public sealed class SpeechToTextStandIn : IAsyncDisposable
{
    public const string Path = "/speech/recognition/conversation/cognitiveservices/v1";
    public const string Key = "stand-in-key";

    WebApplication _app = null!;
    readonly ConcurrentQueue<string> _words = new();

    /// <summary>Every request: its language, whether voice was in it, and what was wrong with it (null when nothing).</summary>
    public ConcurrentQueue<(string Language, bool Voice, string? Problem)> Heard { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<SpeechToTextStandIn> StartAsync()
    {
        var standIn = new SpeechToTextStandIn();
        (standIn._app, var address) = await LoopbackApp.StartAsync(a => a.MapPost(Path, (Delegate)standIn.RecognizeAsync));
        standIn.Endpoint = new Uri(address, Path);
        return standIn;
    }

    /// <summary>Configuration that points the service's speech input here.</summary>
    public IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Speech:Azure:Key"] = Key, ["Speech:Azure:Region"] = "eastasia", ["Speech:Azure:RecognitionEndpoint"] = Endpoint.ToString(),
        ["Speech:Azure:MaxAttempts"] = "1",
    };

    /// <summary>What the next recording with voice in it is recognised as.</summary>
    public void WillHear(string words) => _words.Enqueue(words);

    async Task<IResult> RecognizeAsync(HttpContext context)
    {
        var language = context.Request.Query["language"].ToString();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var (voice, problem) = Check(context.Request, body.ToArray());
        Heard.Enqueue((language, voice, problem));
        if (problem is not null) return Results.BadRequest(problem);
        if (!voice) return Results.Json(new { RecognitionStatus = "InitialSilenceTimeout", Offset = 0, Duration = 0 });
        if (!_words.TryDequeue(out var words)) return Results.Json(new { RecognitionStatus = "NoMatch", Offset = 0, Duration = 0 });
        return Results.Text(JsonSerializer.Serialize(new
        {
            RecognitionStatus = "Success", DisplayText = words, Offset = 0, Duration = 10_000_000,
            NBest = new[] { new { Confidence = 0.93, Lexical = words, ITN = words, MaskedITN = words, Display = words } },
        }), "application/json");
    }

    static (bool Voice, string? Problem) Check(HttpRequest request, byte[] body)
    {
        if (request.Headers["Ocp-Apim-Subscription-Key"] != Key) return (false, "missing or wrong Ocp-Apim-Subscription-Key");
        if (request.Query["language"] is not ["zh-CN" or "en-US"]) return (false, $"language '{request.Query["language"]}' is not zh-CN or en-US");
        if (request.Query["format"] != "detailed") return (false, "format=detailed missing");
        if (request.ContentType?.Replace(" ", "") != "audio/wav;codecs=audio/pcm;samplerate=16000") return (false, $"content type '{request.ContentType}'");
        using var wav = new MemoryStream(body, writable: false);
        WavInfo info;
        try { info = WavInfo.Read(wav, "request body"); }
        catch (InvalidDataException e) { return (false, e.Message); }
        if (info is not { AudioFormat: WavInfo.Pcm, SampleRate: 16000, Channels: 1, BitsPerSample: 16 }) return (false, $"audio is {info}, not 16 kHz 16-bit mono PCM");
        var samples = body.AsSpan((int)wav.Position);
        var loud = false;
        for (var i = 0; i + 1 < samples.Length && !loud; i += 2) loud = Math.Abs((int)BinaryPrimitives.ReadInt16LittleEndian(samples[i..])) > 1000;
        return (loud, null);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
