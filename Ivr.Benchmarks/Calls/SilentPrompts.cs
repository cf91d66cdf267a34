using Ivr.Service.Speech;
using Ivr.Service.Speech.Audio;

namespace Ivr.Benchmarks.Calls;

/// <summary>
/// Silent WAVs for every prompt of the catalogue, as long as a voice would take to say its text: the simulator plays a
/// file for its length, so keys barge in, read-backs take time and calls last as long as real ones.
/// </summary>
public static class SilentPrompts
{
    const int Rate = 8000;

    /// <summary>Mandarin prompts are read at about 4.5 characters a second, English ones at about 2.5 words a second.</summary>
    public static TimeSpan SpokenLength(string text, bool mandarin)
    {
        var seconds = mandarin
            ? text.Count(c => !char.IsPunctuation(c) && !char.IsWhiteSpace(c)) / 4.5
            : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length / 2.5;
        return TimeSpan.FromSeconds(Math.Max(0.4, seconds));
    }

    /// <summary>Writes <c>&lt;dir&gt;/&lt;folder&gt;/&lt;id&gt;.wav</c> for each prompt and language; returns how many.</summary>
    public static int Write(PromptCatalog catalog, string directory)
    {
        var written = 0;
        foreach (var (language, folder) in catalog.LanguageFolders)
        {
            Directory.CreateDirectory(Path.Combine(directory, folder));
            foreach (var prompt in catalog.Prompts.Values)
            {
                if (!prompt.Texts.TryGetValue(language, out var text)) continue;
                var samples = (int)(SpokenLength(text, language.StartsWith("zh", StringComparison.Ordinal)).TotalSeconds * Rate);
                File.WriteAllBytes(Path.Combine(directory, folder, prompt.Id + ".wav"), WavInfo.WrapPcm16Mono(new byte[samples * 2], Rate));
                written++;
            }
        }
        return written;
    }
}
