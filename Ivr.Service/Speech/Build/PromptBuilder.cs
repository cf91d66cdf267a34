using Ivr.Service.Speech.Audio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Service.Speech.Build;

/// <summary>The outcome of a build: counts, and one message per prompt that could not be rendered.</summary>
public sealed record PromptBuildResult(int Rendered, int Skipped, IReadOnlyList<string> Errors);

/// <summary>
/// Renders every prompt of the catalogue in every language into prompts/sounds/&lt;folder&gt;/&lt;id&gt;.wav and .sln16,
/// skipping prompts whose content hash is unchanged. One failure does not stop the others; the manifest keeps
/// everything that succeeded.
/// </summary>
public sealed partial class PromptBuilder(ISpeechSynthesizer engine, ILogger? logger = null)
{
    readonly ILogger log = logger ?? NullLogger.Instance;

    /// <summary>Renders what changed; <paramref name="force"/> renders everything; <paramref name="parallelism"/> bounds concurrent renders.</summary>
    public async Task<PromptBuildResult> BuildAsync(PromptCatalog catalog, string soundsDir, bool force = false, int parallelism = 0, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(soundsDir);
        var manifest = PromptManifest.Load(soundsDir);
        var errors = new List<string>();
        var work = new List<(SpeechRequest Request, string Folder)>();
        foreach (var prompt in catalog.Prompts.Values)
            foreach (var (language, folder) in catalog.LanguageFolders)
            {
                if (!prompt.Texts.TryGetValue(language, out var text) || string.IsNullOrWhiteSpace(text))
                    errors.Add($"{catalog.File}:{prompt.Line}: prompt '{prompt.Id}' has no {language} text; add `{language}: ...` under it");
                else work.Add((new SpeechRequest(prompt.Id, language, text, prompt.Voice, prompt.Style), folder));
            }

        int rendered = 0, skipped = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        try
        {
            await Parallel.ForEachAsync(work,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    var (request, folder) = item;
                    var key = PromptManifest.Key(folder, request.PromptId);
                    var dir = Path.Combine(soundsDir, folder);
                    var target = new RenderTarget(Path.Combine(dir, request.PromptId + ".wav"), Path.Combine(dir, request.PromptId + ".sln16"));
                    var settings = engine.Describe(request);
                    var hash = PromptManifest.ContentHash(request, settings);
                    if (!force && manifest.Prompts.TryGetValue(key, out var old) && old.Hash == hash
                        && File.Exists(target.WavPath) && File.Exists(target.Sln16Path))
                    {
                        Interlocked.Increment(ref skipped);
                        return;
                    }
                    Directory.CreateDirectory(dir);
                    var suffix = $".{Guid.NewGuid():N}.tmp";
                    var temp = new RenderTarget(target.WavPath + suffix, target.Sln16Path + suffix);
                    try
                    {
                        await engine.RenderAsync(request, temp, ct);
                        var duration = WavInfo.Read(temp.WavPath).Duration;
                        File.Move(temp.WavPath, target.WavPath, overwrite: true);
                        File.Move(temp.Sln16Path, target.Sln16Path, overwrite: true);
                        manifest.Prompts[key] = new ManifestEntry(hash, PromptManifest.TextHash(request), engine.Engine, settings,
                            (long)Math.Round(duration.TotalMilliseconds), DateTimeOffset.UtcNow);
                        Interlocked.Increment(ref rendered);
                        Log.Rendered(log, request.PromptId, request.Language, duration.TotalSeconds);
                    }
                    catch (Exception e) when (e is SpeechRenderException or InvalidDataException or IOException)
                    {
                        failures.Add(e is SpeechRenderException ? e.Message : $"{request}: {e.Message}");
                    }
                    finally
                    {
                        File.Delete(temp.WavPath);
                        File.Delete(temp.Sln16Path);
                    }
                });
        }
        finally
        {
            RemoveDropped(manifest, soundsDir, work.Select(w => PromptManifest.Key(w.Folder, w.Request.PromptId)).ToHashSet(StringComparer.Ordinal));
            manifest.Save(soundsDir);
        }
        errors.AddRange(failures.Order(StringComparer.Ordinal));
        return new PromptBuildResult(rendered, skipped, errors);
    }

    /// <summary>
    /// Deletes audio of prompts the catalogue no longer has, so Asterisk cannot keep playing a removed prompt;
    /// only files the manifest lists are touched, never anything else in the folder.
    /// </summary>
    static void RemoveDropped(PromptManifest manifest, string soundsDir, HashSet<string> current)
    {
        foreach (var key in manifest.Prompts.Keys.Where(k => !current.Contains(k)).ToList())
        {
            File.Delete(Path.Combine(soundsDir, key + ".wav"));
            File.Delete(Path.Combine(soundsDir, key + ".sln16"));
            manifest.Prompts.TryRemove(key, out _);
        }
    }

    static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Rendered prompt {PromptId} ({Language}), {Seconds:F1} s")]
        public static partial void Rendered(ILogger logger, string promptId, string language, double seconds);
    }
}
