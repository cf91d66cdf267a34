using Ivr.Menus.Diagnostics;
using Ivr.Menus.Model;

namespace Ivr.Menus.Validation;

/// <summary>Every prompt a node can say exists in the catalogue with audio in every menu language it may be played in.</summary>
public static class PromptRules
{
    public static void Check(ValidationContext c)
    {
        var reported = new HashSet<(SourceLocation, string)>();
        foreach (var node in c.Nodes.Values)
            foreach (var item in node.Playables.OfType<PromptItem>())
                Prompt(c, item.Prompt, $"node '{node.Id}'", reported);
        foreach (var item in c.Defaults.Capped.OfType<PromptItem>()) Prompt(c, item.Prompt, "defaults 'capped'", reported);
    }

    static void Prompt(ValidationContext c, PromptRef prompt, string owner, HashSet<(SourceLocation, string)> reported)
    {
        foreach (var (language, id) in prompt.Ids)
        {
            // Defaults' prompts are shared by many nodes; one error at their definition is enough.
            if (!reported.Add((prompt.At, id))) continue;
            if (!c.Host.Prompts.TryGetValue(id, out var languages))
            {
                c.Diagnostics.Error(prompt.At, $"{owner}: prompt '{id}' is not in the prompt catalogue", Suggestions.Hint(id, [.. c.Host.Prompts.Keys]));
                continue;
            }
            var missing = (language is null ? c.Defaults.Languages : [language]).Where(l => !languages.Contains(l)).ToList();
            if (missing.Count > 0)
                c.Diagnostics.Error(prompt.At, $"{owner}: prompt '{id}' has no {string.Join(" or ", missing)} version", "add the text to prompts/catalog.yaml and run 'ivr prompts build'");
        }
    }
}
