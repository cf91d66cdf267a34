using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Ivr.Service.Speech.Audio;
using Ivr.Service.Speech.Azure;
using Ivr.Service.Speech.Build;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Service.Speech.Runtime;

/// <summary>
/// Speaks free text during a call (an invoice's seller): renders it with the prompt build's engine (Azure when a key
/// is configured, else espeak-ng + sox) into the same 8 kHz WAV and sln16 files, under the sounds root Asterisk
/// reads, named by a hash of engine, voice and text so a text is rendered once and then served from disk.
/// Renders of the same text at the same time share one render; every render is bounded by a timeout.
/// </summary>
public sealed partial class RuntimeSpeech(ISpeechSynthesizer engine, RuntimeSpeechOptions options, ILogger? logger = null)
{
    /// <summary>Longest text spoken (about 30 s of Mandarin); a longer value is a data error, not something to read out.</summary>
    public const int MaxTextLength = 200;

    readonly ILogger _log = logger ?? NullLogger.Instance;
    readonly RuntimeSoundCache _cache = new(options.RuntimeSoundsDirectory, options.RuntimeCacheFiles);
    readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _rendering = new(StringComparer.Ordinal);

    /// <summary>The engine of the prompt build for this configuration (section Speech), its files under <see cref="RuntimeSpeechOptions.RuntimeSoundsDirectory"/>.</summary>
    public static RuntimeSpeech FromConfiguration(IConfiguration configuration, string contentRoot, ILogger? logger = null)
    {
        var engine = SpeechSettings.FromConfiguration(configuration).CreateSynthesizer("",
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }), TimeProvider.System);
        return new RuntimeSpeech(engine, RuntimeSpeechOptions.FromConfiguration(configuration, contentRoot), logger);
    }

    /// <summary>The engine in use (espeak-ng, azure).</summary>
    public string Engine => engine.Engine;

    /// <summary>The sound name <paramref name="text"/> gets in <paramref name="language"/>: runtime/&lt;hash&gt;.</summary>
    public string SoundOf(string text, string language) => $"{RuntimeSoundCache.Folder}/{Name(Request(Clean(text), language))}";

    /// <summary>
    /// Makes <paramref name="text"/> playable in the Asterisk folder <paramref name="folder"/> of <paramref name="language"/>.
    /// Never throws for the text or the engine: a failure comes back as <see cref="RuntimeSound.Problem"/> and is logged.
    /// </summary>
    public async Task<RuntimeSound> RenderAsync(string text, string language, string folder, CancellationToken cancellationToken)
    {
        var spoken = Clean(text);
        if (spoken.Length == 0) return Failed(text, language, "there is no text to say");
        if (spoken.Length > MaxTextLength) return Failed(text, language, $"it is {spoken.Length} characters long, more than the {MaxTextLength} spoken at call time");
        var request = Request(spoken, language);
        string name;
        try { name = Name(request); }
        catch (SpeechRenderException e) { return Failed(text, language, e.Message); }
        var wav = _cache.WavPath(folder, name);
        var sound = $"{RuntimeSoundCache.Folder}/{name}";
        if (_cache.TryHit(wav)) return new RuntimeSound(sound, null);
        var render = _rendering.GetOrAdd(wav, path => new Lazy<Task<string?>>(() => RenderOnceAsync(request, path)));
        var problem = await render.Value.WaitAsync(cancellationToken);
        return problem is null ? new RuntimeSound(sound, null) : Failed(text, language, problem);
    }

    /// <summary>Renders into temporary files and moves them into place, so Asterisk never plays half a file; null when it worked.</summary>
    async Task<string?> RenderOnceAsync(SpeechRequest request, string wav)
    {
        var sln16 = Path.ChangeExtension(wav, ".sln16");
        var suffix = $".{Guid.NewGuid():N}.tmp";
        var temp = new RenderTarget(wav + suffix, sln16 + suffix);
        try
        {
            await Task.Yield(); // the caller's GetOrAdd must be done before the finally below removes the entry
            Directory.CreateDirectory(Path.GetDirectoryName(wav)!);
            using var timeout = new CancellationTokenSource(options.RuntimeRenderTimeout);
            // WaitAsync as well: parts of an engine (espeak-ng's voice check) do not take a token.
            await engine.RenderAsync(request, temp, timeout.Token).WaitAsync(timeout.Token);
            var format = WavInfo.Read(temp.WavPath);
            if (format is not { AudioFormat: WavInfo.Pcm, SampleRate: 8000, Channels: 1, BitsPerSample: 16 })
                return $"{engine.Engine} produced {format}, not the 8 kHz 16-bit mono PCM Asterisk plays";
            File.Move(temp.Sln16Path, sln16, overwrite: true);
            File.Move(temp.WavPath, wav, overwrite: true);
            Log.Rendered(_log, engine.Engine, request.Language, request.Text.Length, Path.GetFileNameWithoutExtension(wav));
            _cache.Prune();
            return null;
        }
        catch (OperationCanceledException)
        {
            return $"{engine.Engine} did not finish within {options.RuntimeRenderTimeout.TotalSeconds:0.#} s (Speech:RuntimeRenderTimeout)";
        }
        catch (Exception e) when (e is SpeechRenderException or AzureSpeechException or HttpRequestException or InvalidDataException
                                       or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
        finally
        {
            File.Delete(temp.WavPath);
            File.Delete(temp.Sln16Path);
            _rendering.TryRemove(wav, out _);
        }
    }

    RuntimeSound Failed(string text, string language, string problem)
    {
        Log.Failed(_log, engine.Engine, language, text.Length, problem);
        return RuntimeSound.Failed($"text of {text.Length} characters ({language}) cannot be spoken: {problem}");
    }

    static SpeechRequest Request(string text, string language) => new("runtime text", language, text, null, null);

    /// <summary>Engine, resolved voice and rate (the engine's own description) and the text: what makes the audio differ.</summary>
    string Name(SpeechRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{engine.Engine}\n{engine.Describe(request)}\n{request.Text}")))[..32];

    /// <summary>
    /// One line of plain text: square brackets would be read as the catalogue's [pause] markers, and line breaks or
    /// runs of spaces from a registry field mean nothing to a listener.
    /// </summary>
    static string Clean(string text) =>
        string.Join(' ', text.Replace('[', ' ').Replace(']', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    static partial class Log
    {
        [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "Rendered a runtime text with {Engine} ({Language}, {Length} characters) as {Name}")]
        public static partial void Rendered(ILogger logger, string engine, string language, int length, string name);

        // The text itself is not logged: a seller can be a sole trader's personal name.
        [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "A runtime text ({Language}, {Length} characters) was left out: {Engine} could not render it: {Problem}")]
        public static partial void Failed(ILogger logger, string engine, string language, int length, string problem);
    }
}
