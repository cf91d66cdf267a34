namespace Ivr.Service.Speech.Input;

/// <summary>A menu choice that can be spoken: the key it stands for and its phrases (the keyword and its synonyms).</summary>
public sealed record SpeechKeyword(string Key, IReadOnlyList<string> Phrases);

/// <summary>The choice a caller's words picked, with the phrase found and the text it was found in.</summary>
public sealed record KeywordMatch(string Key, string Phrase, string Heard);

/// <summary>
/// Matches recognised speech to a menu node's keywords: the longest phrase found in the normalised text wins; two
/// keys tied on the longest phrase is no match (the menu asks again rather than guess). Saying the key itself
/// ("1", "一", "按一", "one") also selects it.
/// </summary>
public sealed class KeywordMatcher
{
    static readonly string[] DigitWordsZh = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    static readonly string[] DigitWordsEn = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    readonly List<(string Key, string Phrase, string Normalized)> phrases = [];
    readonly HashSet<string> keys = new(StringComparer.Ordinal);

    /// <summary>Checks the keywords once: a phrase that normalises to nothing or belongs to two keys is refused by name.</summary>
    public KeywordMatcher(IEnumerable<SpeechKeyword> keywords)
    {
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyword in keywords)
        {
            keys.Add(keyword.Key);
            foreach (var phrase in keyword.Phrases)
            {
                var normalized = SpokenText.Normalize(phrase);
                if (normalized.Length == 0)
                    throw new ArgumentException($"keyword '{phrase}' of key {keyword.Key} is only filler words or punctuation; choose a word callers say for this choice");
                if (owner.TryGetValue(normalized, out var other) && other != keyword.Key)
                    throw new ArgumentException($"keyword '{phrase}' is given for key {other} and key {keyword.Key}; a spoken word must pick one choice");
                owner[normalized] = keyword.Key;
                phrases.Add((keyword.Key, phrase, normalized));
            }
        }
    }

    /// <summary>The first candidate text (best hypothesis first) that picks exactly one key, or null.</summary>
    public KeywordMatch? Match(RecognitionResult result) =>
        result.Status != RecognitionStatus.Success ? null : result.Candidates.Select(Match).FirstOrDefault(m => m is not null);

    public KeywordMatch? Match(string heard)
    {
        var text = SpokenText.Normalize(heard);
        if (text.Length == 0) return null;
        if (SpokenKey(text) is { } key && keys.Contains(key)) return new KeywordMatch(key, key, heard);
        var found = phrases.Where(p => text.Contains(p.Normalized, StringComparison.Ordinal)).ToList();
        if (found.Count == 0) return null;
        var longest = found.Max(p => p.Normalized.Length);
        var best = found.Where(p => p.Normalized.Length == longest).ToList();
        return best.Select(p => p.Key).Distinct().Count() == 1 ? new KeywordMatch(best[0].Key, best[0].Phrase, heard) : null;
    }

    /// <summary>"1", "一", "幺", "按1", "1号", "one", "press one" → "1"; # and * as 井号 / 星号.</summary>
    static string? SpokenKey(string text)
    {
        var t = text.StartsWith("press", StringComparison.Ordinal) ? text[5..] : text.TrimStart('按');
        t = t.TrimEnd('键', '号');
        if (t.Length == 1 && char.IsAsciiDigit(t[0])) return t;
        if (t is "幺") return "1";
        if (t is "两") return "2";
        if (t is "井" or "#" ) return "#";
        if (t is "星" or "*") return "*";
        var zh = Array.IndexOf(DigitWordsZh, t);
        if (zh >= 0) return zh.ToString();
        var en = Array.IndexOf(DigitWordsEn, t);
        return en >= 0 ? en.ToString() : null;
    }
}
