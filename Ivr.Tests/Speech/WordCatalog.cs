using Ivr.Service.Speech;
using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Speech;

/// <summary>The repository's prompt catalogue, used to turn word prompt ids back into what the caller hears.</summary>
public static class WordCatalog
{
    static readonly Lazy<PromptCatalog> Catalog = new(() => PromptCatalog.Load(Path.Combine(Servers.RepoRoot(), "prompts", "catalog.yaml")));

    public static PromptCatalog Value => Catalog.Value;

    /// <summary>The texts of <paramref name="ids"/> joined as a caller hears them (no spaces in Mandarin); a missing id fails the test.</summary>
    public static string Say(IEnumerable<string> ids, string language) => string.Join(language.StartsWith("zh") ? "" : " ",
        ids.Select(id => Catalog.Value.Prompts.TryGetValue(id, out var p) && p.Texts.TryGetValue(language, out var t) ? t
            : throw new Xunit.Sdk.XunitException($"word prompt '{id}' has no {language} text in prompts/catalog.yaml")));
}
