using System.Globalization;

namespace Ivr.Tests.Conformance.Traces;

/// <summary>Reads both clock formats of the traces: the driver's `...Z` and Asterisk's `...+0000`.</summary>
public static class TraceTime
{
    public static DateTimeOffset Parse(string text, string where) =>
        TryParse(text) ?? throw new FormatException($"{where}: '{text}' is not a trace timestamp (expected e.g. 2026-11-22T16:38:01.815Z)");

    public static DateTimeOffset? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        // Asterisk writes the offset without a colon (+0000), which the round-trip parser rejects.
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsDigit(text[^1]))
            text = text[..^2] + ":" + text[^2..];
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
    }
}
