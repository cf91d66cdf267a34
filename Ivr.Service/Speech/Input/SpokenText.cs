using System.Text;

namespace Ivr.Service.Speech.Input;

/// <summary>
/// Normalises what a caller said and what a menu lists as keywords the same way, so "我要查询发票！", "发票查询"
/// and "ＦＡＰＩＡＯ" style variants meet: full-width to half-width (NFKC), lower case, fillers such as 我要/请/查询
/// removed, punctuation and spaces dropped.
/// </summary>
public static class SpokenText
{
    /// <summary>Politeness and request words that carry no choice; longest first so 我想要 goes before 我想.</summary>
    static readonly string[] Fillers =
    [
        "i would like to", "i'd like to", "i want to", "i need to", "can you", "please", "hello", "um", "uh",
        "我想要", "我需要", "我想", "我要", "请问", "麻烦", "帮我", "给我", "你好", "您好", "查询", "查一下", "一下", "办理",
        "那个", "就是", "嗯", "啊", "呃", "吧", "呢", "的", "请",
    ];

    public static string Normalize(string text)
    {
        var s = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var words = new StringBuilder(s.Length);
        foreach (var c in s) words.Append(char.IsPunctuation(c) || char.IsSymbol(c) || char.IsWhiteSpace(c) ? ' ' : c);
        s = $" {words} ";
        foreach (var filler in Fillers.OrderByDescending(f => f.Length))
            s = filler[0] is >= 'a' and <= 'z' ? s.Replace($" {filler} ", " ", StringComparison.Ordinal) : s.Replace(filler, "", StringComparison.Ordinal);
        return s.Replace(" ", "", StringComparison.Ordinal);
    }
}
