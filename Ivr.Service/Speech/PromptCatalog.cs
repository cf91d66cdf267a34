using YamlDotNet.RepresentationModel;

namespace Ivr.Service.Speech;

/// <summary>One prompt: its text per language (zh-CN, en-US) and optional voice/style.</summary>
public sealed record PromptEntry(string Id, IReadOnlyDictionary<string, string> Texts, string? Voice, string? Style, int Line);

/// <summary>
/// prompts/catalog.yaml: prompt id → text per language, and the Asterisk sound folder of each language.
/// Immutable once loaded.
/// </summary>
public sealed record PromptCatalog(string File, IReadOnlyDictionary<string, string> LanguageFolders, IReadOnlyDictionary<string, PromptEntry> Prompts)
{
    /// <summary>Loads and checks the catalogue; every problem is reported with file:line.</summary>
    public static PromptCatalog Load(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file)) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var errors = new List<string>();
        var languages = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.Children.TryGetValue(new YamlScalarNode("languages"), out var langNode) && langNode is YamlMappingNode langs)
            foreach (var (k, v) in langs.Children) languages[((YamlScalarNode)k).Value!] = ((YamlScalarNode)v).Value!;
        else errors.Add($"{file}:1: 'languages' (language → Asterisk sound folder) is missing");

        var prompts = new Dictionary<string, PromptEntry>(StringComparer.Ordinal);
        if (root.Children.TryGetValue(new YamlScalarNode("prompts"), out var pNode) && pNode is YamlMappingNode ps)
            foreach (var (k, v) in ps.Children)
            {
                var id = ((YamlScalarNode)k).Value!;
                var line = (int)k.Start.Line;
                if (v is not YamlMappingNode m) { errors.Add($"{file}:{line}: prompt '{id}' must be a mapping of language → text"); continue; }
                var texts = new Dictionary<string, string>(StringComparer.Ordinal);
                string? voice = null, style = null;
                foreach (var (fk, fv) in m.Children)
                {
                    var key = ((YamlScalarNode)fk).Value!;
                    var value = (fv as YamlScalarNode)?.Value ?? "";
                    if (key == "voice") voice = value;
                    else if (key == "style") style = value;
                    else if (languages.ContainsKey(key)) texts[key] = value;
                    else errors.Add($"{file}:{fk.Start.Line}:{fk.Start.Column}: prompt '{id}': unknown key '{key}' (expected a language of {string.Join(", ", languages.Keys)}, 'voice' or 'style')");
                }
                if (!prompts.TryAdd(id, new PromptEntry(id, texts, voice, style, line)))
                    errors.Add($"{file}:{line}: prompt '{id}' is defined twice");
            }
        if (errors.Count > 0) throw new PromptCatalogException(errors);
        return new PromptCatalog(file, languages, prompts);
    }

    /// <summary>The Asterisk language folder of a catalogue language (zh-CN → zh).</summary>
    public string FolderOf(string language) => LanguageFolders.TryGetValue(language, out var f) ? f
        : throw new ArgumentException($"language '{language}' is not in {File}", nameof(language));
}

/// <summary>The catalogue has errors; each names file and line.</summary>
public sealed class PromptCatalogException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
