using System.Globalization;

namespace Ivr.Simulator.Media;

/// <summary>
/// Which sounds exist and how long they play: WAV files in the sounds directory, else the Asterisk core sounds
/// the reference traces used, with the lengths measured there.
/// </summary>
internal sealed class SoundLibrary(string? directory)
{
    /// <summary>Lengths measured in the traces (PlaybackStarted to PlaybackFinished done) or from the core sound files.</summary>
    static readonly Dictionary<string, double> CoreSounds = new(StringComparer.Ordinal)
    {
        ["hello-world"] = 1.404,
        ["beep"] = 0.425,
        ["vm-enter-num-to-call"] = 2.2,
        ["demo-congrats"] = 4.916,
        ["demo-thanks"] = 5.525,
        ["tt-monkeys"] = 16.0,
        ["queue-thankyou"] = 2.6,
        ["queue-periodic-announce"] = 7.838,
        ["if-correct-press"] = 1.968,
        ["vm-goodbye"] = 0.9,
        ["auth-thankyou"] = 1.0,
        ["pls-try-again"] = 1.3,
        ["digits/0"] = 0.7, ["digits/1"] = 0.6, ["digits/2"] = 0.6, ["digits/3"] = 0.65, ["digits/4"] = 0.7,
        ["digits/5"] = 0.82, ["digits/6"] = 0.75, ["digits/7"] = 0.75, ["digits/8"] = 0.6, ["digits/9"] = 0.7,
        ["digits/star"] = 0.6, ["digits/pound"] = 0.6,
    };

    /// <summary>How long <paramref name="name"/> plays in <paramref name="language"/>; null when no such sound exists.</summary>
    public TimeSpan? Duration(string name, string language)
    {
        if (name.Contains("..", StringComparison.Ordinal)) return null;
        if (directory is not null)
            foreach (var path in new[] { Path.Combine(directory, language, name + ".wav"), Path.Combine(directory, name + ".wav") })
                if (File.Exists(path) && WavFile.Duration(path) is { } d) return d;
        if (name.StartsWith("silence/", StringComparison.Ordinal) && double.TryParse(name[8..], CultureInfo.InvariantCulture, out var s)) return TimeSpan.FromSeconds(s);
        return CoreSounds.TryGetValue(name, out var secs) ? TimeSpan.FromSeconds(secs) : null;
    }

    /// <summary>Every sound id with the languages it exists in (GET /sounds).</summary>
    public IReadOnlyList<(string Id, IReadOnlyList<string> Languages)> List()
    {
        var found = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var core in CoreSounds.Keys) found[core] = ["en", "en_US_f_Allison"];
        if (directory is not null && Directory.Exists(directory))
            foreach (var file in Directory.EnumerateFiles(directory, "*.wav", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(directory, file).Replace('\\', '/');
                var slash = rel.IndexOf('/');
                var lang = slash > 0 && IsLanguage(rel[..slash]) ? rel[..slash] : "en";
                var id = (lang == rel[..Math.Max(slash, 0)] ? rel[(slash + 1)..] : rel)[..^4];
                if (!found.TryGetValue(id, out var langs)) found[id] = langs = [];
                langs.Add(lang);
            }
        return found.Select(kv => (kv.Key, (IReadOnlyList<string>)kv.Value.Reverse().ToList())).ToList();
    }

    static bool IsLanguage(string dir) => System.Text.RegularExpressions.Regex.IsMatch(dir, "^[a-z]{2}(_[A-Za-z0-9_]+)?$");
}
