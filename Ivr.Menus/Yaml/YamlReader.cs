using System.Text.RegularExpressions;
using Ivr.Menus.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ivr.Menus.Yaml;

/// <summary>
/// Reads YAML text into <see cref="YNode"/>s from YamlDotNet's event parser, reporting tabs, duplicate keys,
/// duplicate or unknown anchors and syntax errors with their exact positions instead of stopping at the first.
/// </summary>
public static partial class YamlReader
{
    /// <summary>The document's root, or null when the file could not be read (the reasons are in <paramref name="diagnostics"/>).</summary>
    public static YNode? Read(string file, string text, DiagnosticBag diagnostics)
    {
        if (ReportTabs(file, text, diagnostics)) return null;
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var root = ReadNode(file, parser, anchors, diagnostics);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
                diagnostics.Error(At(file, parser.Current!.Start), "a menu file holds one YAML document", "remove the second '---' and what follows, or move it to its own file");
            return root;
        }
        catch (YamlException e)
        {
            diagnostics.Error(At(file, e.Start), Plain(e.Message), e.Message.Contains("anchor or alias", StringComparison.Ordinal)
                ? "a bare * or & starts a YAML alias or anchor; put the key in quotes, e.g. \"*\""
                : "check the indentation and quoting on this line and the one above");
            return null;
        }
    }

    static YNode ReadNode(string file, IParser parser, Dictionary<string, YNode> anchors, DiagnosticBag diagnostics)
    {
        var current = parser.Current!;
        YNode node;
        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (anchors.TryGetValue(alias.Value.Value, out var target)) return target;
                diagnostics.Error(At(file, alias.Start), $"alias '*{alias.Value.Value}' refers to no anchor defined above it", Suggestions.Hint(alias.Value.Value, anchors.Keys));
                return new YScalar(At(file, alias.Start), "", false);
            case Scalar scalar:
                parser.MoveNext();
                node = new YScalar(At(file, scalar.Start), scalar.Value, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted);
                break;
            case SequenceStart start:
                parser.MoveNext();
                var items = new List<YNode>();
                while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode(file, parser, anchors, diagnostics));
                node = new YSequence(At(file, start.Start), items);
                break;
            case MappingStart start:
                parser.MoveNext();
                node = ReadMapping(file, At(file, start.Start), parser, anchors, diagnostics);
                break;
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
        var anchor = current is NodeEvent { Anchor.IsEmpty: false } withAnchor ? withAnchor.Anchor.Value : null;
        if (anchor is not null && !anchors.TryAdd(anchor, node))
            diagnostics.Error(At(file, current.Start), $"anchor '&{anchor}' is defined twice in this file", "give each anchor its own name");
        return node;
    }

    static YMapping ReadMapping(string file, SourceLocation at, IParser parser, Dictionary<string, YNode> anchors, DiagnosticBag diagnostics)
    {
        var entries = new List<KeyValuePair<YScalar, YNode>>();
        var merged = new List<KeyValuePair<YScalar, YNode>>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(file, parser, anchors, diagnostics);
            var value = ReadNode(file, parser, anchors, diagnostics);
            if (keyNode is not YScalar key)
            {
                diagnostics.Error(keyNode.At, $"a key must be a plain name, found {keyNode.KindName}", "write 'name: value'");
                continue;
            }
            if (key.Value == "<<" && !key.Quoted)
            {
                Merge(value, merged, diagnostics);
                continue;
            }
            var first = entries.FirstOrDefault(e => e.Key.Value == key.Value).Key;
            if (first is not null)
            {
                diagnostics.Error(key.At, $"key '{key.Value}' is already given at line {first.At.Line}", "keep one of them");
                continue;
            }
            entries.Add(new(key, value));
        }
        // Keys written in the mapping override those merged in from an anchor, as YAML's merge key specifies.
        entries.AddRange(merged.Where(m => entries.All(e => e.Key.Value != m.Key.Value)));
        return new YMapping(at, entries);
    }

    static void Merge(YNode source, List<KeyValuePair<YScalar, YNode>> into, DiagnosticBag diagnostics)
    {
        var maps = source switch { YMapping m => [m], YSequence s => s.Items, _ => [source] };
        foreach (var map in maps)
        {
            if (map is not YMapping m)
            {
                diagnostics.Error(map.At, $"'<<' merges a mapping, found {map.KindName}", "write '<<: *anchor' with an anchor on a mapping");
                continue;
            }
            into.AddRange(m.Entries.Where(e => into.All(i => i.Key.Value != e.Key.Value)));
        }
    }

    static bool ReportTabs(string file, string text, DiagnosticBag diagnostics)
    {
        var found = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            var tab = line.IndexOf('\t', 0, indent);
            if (tab < 0) continue;
            diagnostics.Error(new SourceLocation(file, i + 1, tab + 1), "tab character in the indentation", "YAML indents with spaces only; replace the tab with spaces");
            found = true;
        }
        return found;
    }

    static SourceLocation At(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    /// <summary>YamlDotNet prefixes messages with "(Line: …) - (Line: …): "; the location is already ours.</summary>
    static string Plain(string message) => MarkPrefix().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
