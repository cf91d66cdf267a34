namespace Ivr.Menus.Diagnostics;

/// <summary>"did you mean …" for misspelt keys and names.</summary>
public static class Suggestions
{
    /// <summary>The closest candidate within a third of the word's length in edits, or null.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(word.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return best is not null && bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    /// <summary>A hint naming the closest candidate, or listing what is allowed when nothing is close.</summary>
    public static string Hint(string word, IReadOnlyCollection<string> candidates)
    {
        var closest = Closest(word, candidates);
        if (closest is not null) return $"did you mean '{closest}'?";
        return candidates.Count == 0 ? "nothing of that kind is declared"
            : candidates.Count <= 12 ? $"expected one of: {string.Join(", ", candidates.Order(StringComparer.Ordinal))}"
            : $"{candidates.Count} names are declared; check the spelling";
    }

    static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
