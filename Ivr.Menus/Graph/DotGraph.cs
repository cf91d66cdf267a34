using System.Text;
using Ivr.Menus.Model;

namespace Ivr.Menus.Graph;

/// <summary>Graphviz DOT of a menu set: a cluster per file, nodes coloured by type, edges labelled by key or result.</summary>
public static class DotGraph
{
    static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        ["menu"] = "#8ecae6", ["collect"] = "#b5e48c", ["action"] = "#ffb703", ["play"] = "#e0e0e0", ["queue"] = "#fb8500",
        ["record"] = "#f4acb7", ["survey"] = "#cdb4db", ["branch"] = "#ffe5a0", ["set"] = "#f1f1f1", ["goto"] = "#f1f1f1",
        ["subflow"] = "#a8dadc", ["return"] = "#a8dadc", ["language"] = "#d8f3dc", ["sms"] = "#ffd6a5", ["callback"] = "#ffd6a5",
        ["hangup"] = "#ef476f",
    };

    public static string Write(MenuSet set)
    {
        var dot = new StringBuilder();
        dot.AppendLine("digraph menus {");
        dot.AppendLine("  rankdir=LR; node [style=filled, shape=box, fontname=\"Noto Sans CJK SC,sans-serif\"]; edge [fontname=\"sans-serif\", fontsize=10];");
        foreach (var (entry, target) in set.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            dot.AppendLine($"  {Quote("entry:" + entry)} [label={Quote(entry)}, shape=oval, fillcolor=\"#ffffff\"];");
            dot.AppendLine($"  {Quote("entry:" + entry)} -> {Quote(target.Id)};");
        }
        var cluster = 0;
        foreach (var file in set.Nodes.Values.GroupBy(n => n.At.File).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            dot.AppendLine($"  subgraph cluster_{cluster++} {{ label={Quote(Path.GetFileName(file.Key))}; color=\"#999999\";");
            foreach (var node in file.OrderBy(n => n.At.Line))
                dot.AppendLine($"    {Quote(node.Id)} [label={Quote($"{node.Id}\\n({node.Type})")}, fillcolor=\"{Colours.GetValueOrDefault(node.Type, "#ffffff")}\"];");
            dot.AppendLine("  }");
        }
        foreach (var node in set.Nodes.Values.OrderBy(n => n.At.File, StringComparer.Ordinal).ThenBy(n => n.At.Line))
            foreach (var edge in node.Edges)
                dot.AppendLine($"  {Quote(node.Id)} -> {Quote(edge.Target.Id)} [label={Quote(edge.Label)}{(edge.WaitsForCaller ? "" : ", style=dashed")}];");
        dot.AppendLine("}");
        return dot.ToString();
    }

    /// <summary>DOT string; the only escape a label uses on purpose is \n for a line break.</summary>
    static string Quote(string text) => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
