using Ivr.Menus.Diagnostics;

namespace Ivr.Menus.Model;

/// <summary>
/// A prompt of the catalogue: one id for every language (the catalogue holds the texts), or a different id per
/// language when a supervisor wants, for example, a shorter English wording.
/// </summary>
public sealed record PromptRef(SourceLocation At, string? Id, IReadOnlyDictionary<string, string>? PerLanguage)
{
    public string IdFor(string language) =>
        PerLanguage is null ? Id! : PerLanguage.TryGetValue(language, out var id) ? id : PerLanguage.Values.First();

    /// <summary>Every (language or null for all, prompt id) pair this reference uses.</summary>
    public IEnumerable<(string? Language, string Id)> Ids =>
        PerLanguage is null ? [(null, Id!)] : PerLanguage.Select(p => ((string?)p.Key, p.Value));
}
