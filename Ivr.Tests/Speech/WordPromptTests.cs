using Ivr.Service.Speech.Values;

namespace Ivr.Tests.Speech;

public class WordPromptTests
{
    [Fact]
    public void Every_word_prompt_the_speakers_use_is_in_the_catalogue_in_every_language()
    {
        var missing = WordPrompts.All
            .SelectMany(id => WordCatalog.Value.LanguageFolders.Keys.Select(language => (id, language)))
            .Where(x => !WordCatalog.Value.Prompts.TryGetValue(x.id, out var p) || string.IsNullOrWhiteSpace(p.Texts.GetValueOrDefault(x.language)))
            .Select(x => $"{x.id} ({x.language})")
            .ToList();
        Assert.Empty(missing);
    }
}
