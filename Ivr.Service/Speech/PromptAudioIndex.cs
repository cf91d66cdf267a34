using Ivr.Service.Speech.Build;

namespace Ivr.Service.Speech;

/// <summary>
/// Which prompts can be played in which language: in the catalogue and rendered (listed in the manifest with its
/// file present). The menu validator asks it about every prompt id a menu names.
/// </summary>
public sealed class PromptAudioIndex(PromptCatalog catalog, string soundsDir, IReadOnlySet<string> rendered)
{
    /// <summary>Reads the catalogue's rendered folder (prompts/sounds) and its manifest.</summary>
    public static PromptAudioIndex Load(PromptCatalog catalog, string soundsDir)
    {
        var manifest = Directory.Exists(soundsDir) ? PromptManifest.Load(soundsDir) : new PromptManifest();
        var rendered = manifest.Prompts.Keys.Where(k => File.Exists(Path.Combine(soundsDir, k + ".wav"))).ToHashSet(StringComparer.Ordinal);
        return new PromptAudioIndex(catalog, soundsDir, rendered);
    }

    /// <summary>What stops <paramref name="promptId"/> from playing in every language; empty when it can.</summary>
    public IReadOnlyList<string> Problems(string promptId)
    {
        if (!catalog.Prompts.ContainsKey(promptId))
            return [$"prompt '{promptId}' is not in {catalog.File}; add it there with a text per language"];
        return catalog.LanguageFolders
            .Where(l => !rendered.Contains(PromptManifest.Key(l.Value, promptId)))
            .Select(l => $"prompt '{promptId}' has no {l.Key} audio in {Path.Combine(soundsDir, l.Value)}; run `ivr prompts build`")
            .ToList();
    }
}
