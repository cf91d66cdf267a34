using System.Text.RegularExpressions;
using Ivr.Service.Speech.Build;
using Ivr.Service.Speech.Values;

namespace Ivr.Service.Speech.Lint;

/// <summary>
/// `ivr prompts lint`: texts too long for a prompt or missing in a language, malformed pause markers, audio missing or
/// older than its text (by the manifest's text hash), and prompts no menu uses (a text scan of menus/*.yaml, so it
/// works whatever shape the menus take; word prompts the value speakers use are counted as used).
/// </summary>
public static partial class PromptLinter
{
    public static IReadOnlyList<LintFinding> Lint(PromptCatalog catalog, string menusDir, string soundsDir, LintOptions options)
    {
        var findings = new List<LintFinding>();
        var manifest = Directory.Exists(soundsDir) ? PromptManifest.Load(soundsDir) : new PromptManifest();
        var used = MenuTokens(menusDir);
        foreach (var prompt in catalog.Prompts.Values.OrderBy(p => p.Line))
        {
            void Add(LintSeverity severity, string message) => findings.Add(new(severity, catalog.File, prompt.Line, prompt.Id, message));
            foreach (var (language, folder) in catalog.LanguageFolders)
            {
                if (!prompt.Texts.TryGetValue(language, out var text) || string.IsNullOrWhiteSpace(text))
                {
                    Add(LintSeverity.Error, $"no {language} text; every prompt is spoken in every language");
                    continue;
                }
                try
                {
                    SpeechText.ToSsmlFragment(text);
                }
                catch (FormatException e)
                {
                    Add(LintSeverity.Error, $"{language}: {e.Message}");
                }
                if (language.StartsWith("zh", StringComparison.Ordinal) && DigitRun().Match(text) is { Success: true } digits)
                    Add(LintSeverity.Warning, $"{language}: '{digits.Value}' is read as one number by the engines; for a phone number or id write it as "
                        + $"hotlines say it ({string.Concat(digits.Value.Select(c => "零幺二三四五六七八九"[c - '0']))})");
                var length = SpeechText.Spoken(text).Length;
                if (options.MaxChars.TryGetValue(language, out var max) && length > max)
                    Add(LintSeverity.Error, $"{language} text is {length} characters, more than {max}; split it into shorter prompts");
                var request = new SpeechRequest(prompt.Id, language, text, prompt.Voice, prompt.Style);
                var key = PromptManifest.Key(folder, prompt.Id);
                if (!manifest.Prompts.TryGetValue(key, out var built) || !File.Exists(Path.Combine(soundsDir, folder, prompt.Id + ".wav")))
                    Add(LintSeverity.Error, $"no {language} audio in {Path.Combine(soundsDir, folder)}; run `ivr prompts build`");
                else if (built.TextHash != PromptManifest.TextHash(request))
                    Add(LintSeverity.Error, $"{language} audio is older than its text (rendered {built.BuiltAt:yyyy-MM-dd HH:mm}); run `ivr prompts build`");
            }
            if (used is not null && !used.Contains(prompt.Id) && !WordPrompts.All.Contains(prompt.Id))
                Add(LintSeverity.Warning, $"no menu in {menusDir} uses it; remove it or refer to it from a menu");
        }
        if (used is null)
            findings.Add(new(LintSeverity.Warning, menusDir, 0, "", "menus folder not found, so unused prompts were not checked; pass --menus DIR"));
        return findings;
    }

    /// <summary>Every word-like token of every menu file, or null when there is no menus folder.</summary>
    static HashSet<string>? MenuTokens(string menusDir)
    {
        if (!Directory.Exists(menusDir)) return null;
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(menusDir, "*.y*ml", SearchOption.AllDirectories))
            foreach (Match m in Token().Matches(File.ReadAllText(file)))
                tokens.Add(m.Value.TrimEnd('.'));
        return tokens;
    }

    [GeneratedRegex(@"\d{3,}")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9_.-]*")]
    private static partial Regex Token();
}
