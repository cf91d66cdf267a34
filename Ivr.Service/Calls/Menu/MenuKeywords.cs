using System.Collections.Concurrent;
using Ivr.Menus.Engine;
using Ivr.Menus.Model;
using Ivr.Service.Speech.Input;

namespace Ivr.Service.Calls.Menu;

/// <summary>
/// The spoken choices of menu nodes: each option's keywords, plus the words callers use for a seat on the menu's seat
/// key (the prompts say 人工服务请按0). Built once per node and revision; a node whose keywords cannot be matched
/// (a keyword that is only filler, or one word on two keys) takes keys only, and the reason is kept for the log.
/// </summary>
public sealed class MenuKeywords
{
    /// <summary>What a caller says to reach a person, in the menus' languages.</summary>
    public static readonly IReadOnlyList<string> SeatWords = ["人工", "人工服务", "转人工", "客服", "坐席", "operator", "agent", "representative"];

    readonly ConcurrentDictionary<(string Revision, string Node), (KeywordMatcher? Matcher, string? Problem)> _built = new();

    /// <summary>
    /// The matcher for the menu the call waits at, or null when the node takes keys only: no option has keywords, or
    /// <paramref name="problem"/> says why its keywords are unusable.
    /// </summary>
    public KeywordMatcher? For(MenuSet set, string nodeId, out string? problem)
    {
        var first = false;
        var (matcher, unusable) = _built.GetOrAdd((set.Revision, nodeId), _ =>
        {
            first = true;
            return Build(set.Node(nodeId));
        });
        // Said once per node and revision, not on every call that reaches it.
        problem = first ? unusable : null;
        return matcher;
    }

    static (KeywordMatcher?, string?) Build(MenuNode node)
    {
        if (node is not ChoiceNode menu || !menu.Options.Any(o => o.Keywords.Count > 0)) return (null, null);
        // Options without words still count when their key is said ("按四").
        var keywords = menu.Options.Select(o => new SpeechKeyword(o.Key, o.Keywords)).ToList();
        if (menu.SeatKey is { } seatKey && menu.Seat is not null && menu.Options.All(o => o.Key != seatKey))
        {
            // An option's own word stays the option's: the seat takes only the words no option uses.
            var taken = keywords.SelectMany(k => k.Phrases).Select(SpokenText.Normalize).ToHashSet(StringComparer.Ordinal);
            keywords.Add(new SpeechKeyword(seatKey, [.. SeatWords.Where(w => !taken.Contains(SpokenText.Normalize(w)))]));
        }
        try { return (new KeywordMatcher(keywords), null); }
        catch (ArgumentException e) { return (null, $"node {menu.Id} ({menu.At}): {e.Message}"); }
    }

    /// <summary>
    /// The engine event a spoken choice stands for. The engine takes speech to the first option with a keyword inside
    /// the text; when that is the option the matcher chose, the phrase goes as speech. Otherwise (the key itself said,
    /// a seat word, or an earlier option's keyword inside this phrase) saying it is pressing its key.
    /// </summary>
    public static CallEvent EventFor(ChoiceNode menu, KeywordMatch match, TimeSpan at)
    {
        var engineChoice = menu.Options.FirstOrDefault(o => o.Keywords.Any(k => match.Phrase.Contains(k, StringComparison.OrdinalIgnoreCase)));
        return engineChoice?.Key == match.Key ? new CallEvent.Speech(match.Phrase) : new CallEvent.Digit(match.Key[0], at);
    }
}
