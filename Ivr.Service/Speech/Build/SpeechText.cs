using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace Ivr.Service.Speech.Build;

/// <summary>
/// A prompt's text with its pauses: the catalogue writes a pause as <c>[pause 300ms]</c>, which both engines
/// turn into an SSML <c>&lt;break time="300ms"/&gt;</c>.
/// </summary>
public static partial class SpeechText
{
    /// <summary>Longest pause accepted; Azure caps breaks at 5 s.</summary>
    public const int MaxPauseMs = 5000;

    /// <summary>The text as an SSML fragment: escaped text and break elements. Malformed markers are refused naming the marker.</summary>
    public static string ToSsmlFragment(string text)
    {
        var sb = new StringBuilder();
        var at = 0;
        foreach (Match m in Marker().Matches(text))
        {
            sb.Append(SecurityElement.Escape(text[at..m.Index]));
            var pause = PauseMarker().Match(m.Value);
            if (!pause.Success || !int.TryParse(pause.Groups[1].ValueSpan, out var ms) || ms > MaxPauseMs)
                throw new FormatException($"'{m.Value}' is not a pause marker; write [pause 300ms] (at most {MaxPauseMs} ms)");
            sb.Append("<break time=\"").Append(ms).Append("ms\"/>");
            at = m.Index + m.Length;
        }
        sb.Append(SecurityElement.Escape(text[at..]));
        return sb.ToString();
    }

    /// <summary>The text a caller hears, without markers: what the length rules count.</summary>
    public static string Spoken(string text) => Marker().Replace(text, "");

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^\[pause (\d{1,5})ms\]$")]
    private static partial Regex PauseMarker();
}
