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

public class MenuValueKindTests
{
    [Fact]
    public void Every_value_kind_a_menu_can_play_is_spoken_in_both_languages_with_word_prompts_except_free_text()
    {
        // Free text (a seller's name) has no word prompts: it is rendered at call time (docs/speech.md, runtime speech).
        var samples = new Dictionary<string, string>
        {
            ["Digits"] = "12366", ["Number"] = "10001", ["Amount"] = "1234.50", ["Date"] = "2024-11-22", ["Time"] = "14:05",
        };
        foreach (var kind in Enum.GetNames<Ivr.Menus.Model.ValueKind>().Where(k => k != nameof(Ivr.Menus.Model.ValueKind.Text)))
            foreach (var language in new[] { "zh-CN", "en-US" })
                Assert.NotEmpty(ValueSpeakers.Speak(kind, samples[kind], language));
    }
}
