using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ivr.Service.Speech.Build;

/// <summary>What was rendered for one prompt file pair; <see cref="DurationMs"/> lets the simulator time playbacks without decoding audio.</summary>
public sealed record ManifestEntry(string Hash, string TextHash, string Engine, string Settings, long DurationMs, DateTimeOffset BuiltAt);

/// <summary>
/// prompts/sounds/manifest.json: content hash per rendered prompt (key "zh/welcome"), so a build skips what is
/// unchanged and lint can tell audio older than its text.
/// </summary>
public sealed class PromptManifest
{
    public const string FileName = "manifest.json";

    /// <summary>Bumped when the rendering pipeline changes in a way that needs every file rebuilt.</summary>
    const string FormatVersion = "1";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public ConcurrentDictionary<string, ManifestEntry> Prompts { get; init; } = new(StringComparer.Ordinal);

    public static string Key(string folder, string promptId) => $"{folder}/{promptId}";

    /// <summary>Hash of what the catalogue says (language, text, voice, style): changes when a supervisor edits the prompt.</summary>
    public static string TextHash(SpeechRequest r) => Sha256($"{r.Language}\0{r.Text}\0{r.Voice}\0{r.Style}");

    /// <summary>Hash of everything that shapes the audio: the catalogue's part plus the engine and its settings.</summary>
    public static string ContentHash(SpeechRequest r, string engineSettings) => Sha256($"{TextHash(r)}\0{engineSettings}\0{FormatVersion}");

    /// <summary>Loads the manifest of a sounds folder; none yet means nothing was rendered.</summary>
    public static PromptManifest Load(string soundsDir)
    {
        var path = Path.Combine(soundsDir, FileName);
        if (!File.Exists(path)) return new PromptManifest();
        try
        {
            var entries = JsonSerializer.Deserialize<Dictionary<string, ManifestEntry>>(File.ReadAllText(path), Json) ?? [];
            return new PromptManifest { Prompts = new(entries, StringComparer.Ordinal) };
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a prompt manifest ({e.Message}); delete it to rebuild every prompt", e);
        }
    }

    /// <summary>Writes atomically, so an interrupted build never leaves a half-written manifest.</summary>
    public void Save(string soundsDir)
    {
        var path = Path.Combine(soundsDir, FileName);
        var temp = path + ".tmp";
        var sorted = new SortedDictionary<string, ManifestEntry>(Prompts, StringComparer.Ordinal);
        File.WriteAllText(temp, JsonSerializer.Serialize(sorted, Json));
        File.Move(temp, path, overwrite: true);
    }

    static string Sha256(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
