namespace Ivr.Simulator.Dialplan;

/// <summary>One priority of an extension: <c>exten => 12366,2,Stasis(ivr)</c>.</summary>
/// <param name="Priority">Its number (an <c>n</c> is numbered when loaded).</param>
/// <param name="Label">The <c>n(label)</c> name, if any.</param>
/// <param name="App">Application name as written, e.g. <c>Stasis</c>.</param>
/// <param name="Data">The raw argument text inside the parentheses, variables not yet substituted.</param>
/// <param name="Line">Where it was written, for error messages.</param>
internal sealed record DialplanStep(int Priority, string? Label, string App, string Data, string Line);

/// <summary>An extension (or <c>_X.</c>-style pattern) of a context with its priorities in order.</summary>
internal sealed record DialplanExtension(string Pattern, IReadOnlyList<DialplanStep> Steps)
{
    public DialplanStep? At(int priority) => Steps.FirstOrDefault(s => s.Priority == priority);

    /// <summary>Asterisk pattern rules: literal, or <c>_</c> then X/Z/N, [ranges], <c>.</c> (one or more) and <c>!</c> (zero or more).</summary>
    public bool Matches(string exten)
    {
        if (!Pattern.StartsWith('_')) return string.Equals(Pattern, exten, StringComparison.Ordinal);
        return Match(Pattern.AsSpan(1), exten.AsSpan());
    }

    static bool Match(ReadOnlySpan<char> p, ReadOnlySpan<char> s)
    {
        if (p.IsEmpty) return s.IsEmpty;
        var c = char.ToUpperInvariant(p[0]);
        if (c == '.') return !s.IsEmpty;
        if (c == '!') return true;
        if (s.IsEmpty) return false;
        if (c == '[')
        {
            var end = p.IndexOf(']');
            if (end < 0) return false;
            return InSet(p[1..end], s[0]) && Match(p[(end + 1)..], s[1..]);
        }
        var ok = c switch
        {
            'X' => s[0] is >= '0' and <= '9',
            'Z' => s[0] is >= '1' and <= '9',
            'N' => s[0] is >= '2' and <= '9',
            _ => char.ToUpperInvariant(s[0]) == c,
        };
        return ok && Match(p[1..], s[1..]);
    }

    static bool InSet(ReadOnlySpan<char> set, char ch)
    {
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                if (ch >= set[i] && ch <= set[i + 2]) return true;
                i += 2;
            }
            else if (set[i] == ch) return true;
        }
        return false;
    }
}
