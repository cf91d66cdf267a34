namespace Ivr.Service.Speech.Input;

/// <summary>Azure's RecognitionStatus; anything it adds later arrives as <see cref="Other"/>.</summary>
public enum RecognitionStatus { Success, NoMatch, InitialSilenceTimeout, BabbleTimeout, Error, Other }

/// <summary>One of Azure's NBest hypotheses.</summary>
public sealed record RecognitionAlternative(string Display, string Lexical, double Confidence);

/// <summary>What Azure heard in one short recording.</summary>
public sealed record RecognitionResult(RecognitionStatus Status, string DisplayText, IReadOnlyList<RecognitionAlternative> Alternatives)
{
    /// <summary>Texts to match against keywords, best first: the display text, then each hypothesis by confidence.</summary>
    public IEnumerable<string> Candidates => new[] { DisplayText }
        .Concat(Alternatives.OrderByDescending(a => a.Confidence).SelectMany(a => new[] { a.Display, a.Lexical }))
        .Where(t => !string.IsNullOrWhiteSpace(t))
        .Distinct(StringComparer.Ordinal);
}
