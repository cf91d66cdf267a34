using Ivr.Menus.Diagnostics;
using Ivr.Menus.Model;
using Ivr.Menus.Yaml;

namespace Ivr.Menus.Loading;

/// <summary>
/// Reads what to say: a prompt id, a list of items, an item per language (<c>{zh-CN: a, en-US: b}</c>)
/// or a typed value (<c>{digits: $code}</c>, <c>{amount: $total}</c>, <c>{date: $date}</c>, <c>{text: $seller}</c>…).
/// </summary>
public sealed class PlayItemParser(IReadOnlyList<string> languages, DiagnosticBag diagnostics)
{
    static readonly Dictionary<string, ValueKind> Kinds = new(StringComparer.Ordinal)
    {
        ["digits"] = ValueKind.Digits, ["number"] = ValueKind.Number, ["amount"] = ValueKind.Amount,
        ["date"] = ValueKind.Date, ["time"] = ValueKind.Time, ["text"] = ValueKind.Text,
    };

    public IReadOnlyList<PlayItem> Parse(YNode? node, string owner) => node switch
    {
        null => [],
        YSequence s => [.. s.Items.Select(i => Item(i, owner)).OfType<PlayItem>()],
        _ => Item(node, owner) is { } item ? [item] : [],
    };

    PlayItem? Item(YNode node, string owner)
    {
        switch (node)
        {
            case YScalar s when s.Value.Length > 0:
                return new PromptItem(s.At, new PromptRef(s.At, s.Value, null));
            case YMapping m when m.Entries.Count == 1 && Kinds.TryGetValue(m.Entries[0].Key.Value, out var kind):
                if (m.Entries[0].Value is YScalar v && v.Value.Length > 0) return new ValueItem(m.At, kind, Value.Parse(v.At, v.Value));
                diagnostics.Error(m.Entries[0].Value.At, $"{owner}: '{m.Entries[0].Key.Value}' needs one value or $variable", $"write '{m.Entries[0].Key.Value}: $variable'");
                return null;
            case YMapping m:
                var perLanguage = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in m.Entries)
                {
                    if (!languages.Contains(key.Value))
                        diagnostics.Error(key.At, $"{owner}: '{key.Value}' is neither a language nor a value kind",
                            Suggestions.Hint(key.Value, [.. languages, .. Kinds.Keys]));
                    else if (value is YScalar id && id.Value.Length > 0) perLanguage[key.Value] = id.Value;
                    else diagnostics.Error(value.At, $"{owner}: the {key.Value} prompt must be a prompt id", "write 'language: prompt-id'");
                }
                foreach (var missing in languages.Where(l => !perLanguage.ContainsKey(l) && m.Entries.All(e => languages.Contains(e.Key.Value))))
                    diagnostics.Error(m.At, $"{owner}: no {missing} prompt in this per-language item", $"add '{missing}: prompt-id'");
                return perLanguage.Count == 0 ? null : new PromptItem(m.At, new PromptRef(m.At, null, perLanguage));
            default:
                diagnostics.Error(node.At, $"{owner}: expected a prompt id, a per-language prompt or a typed value, found {node.KindName}",
                    "write a prompt id, or {digits|number|amount|date|time|text: $variable}");
                return null;
        }
    }
}
