using System.Text;

namespace AriGen;

/// <summary>
/// Writes, for every event of the ARI description, which lane the client's dispatcher puts it on: the channel it is
/// about, else the playback's or recording's target, else the bridge, else the global lane. Generated so that an
/// event added to the description can never silently fall onto the global lane.
/// </summary>
public static class RoutingGenerator
{
    public static string Render(IReadOnlyList<ModelGenerator.Model> models)
    {
        var all = models.ToDictionary(m => m.Id);
        var sb = new StringBuilder(ModelGenerator.Header);
        sb.AppendLine("using Ivr.Ari.Models;");
        sb.AppendLine();
        sb.AppendLine("namespace Ivr.Ari.Events;");
        sb.AppendLine();
        sb.AppendLine("public readonly partial record struct AriEventKey");
        sb.AppendLine("{");
        sb.AppendLine("    /// <summary>The lane of <paramref name=\"message\"/>: its channel, else its playback or recording target, else its bridge, else global.</summary>");
        sb.AppendLine("    public static AriEventKey Of(Message message)");
        sb.AppendLine("    {");
        sb.AppendLine("        switch (message.Type)");
        sb.AppendLine("        {");
        foreach (var m in models.Where(m => ModelGenerator.IsEvent(m, all) && !m.IsAbstract))
        {
            var expr = KeyExpression(m);
            if (expr is null) continue;
            sb.AppendLine($"            case \"{m.Id}\":");
            sb.AppendLine($"                {{ var e = ({m.Id})message; return {expr}; }}");
        }
        sb.AppendLine("            default:");
        sb.AppendLine("                return Global;");
        sb.AppendLine("        }");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        return sb.ToString();
    }

    static string? KeyExpression(ModelGenerator.Model m)
    {
        ModelGenerator.Property? Find(string json, string type) =>
            m.Properties.FirstOrDefault(p => p.JsonName == json && p.CsType.TrimEnd('?') == type);
        var candidates = new List<string>();
        foreach (var (json, type) in new[] { ("channel", "Channel"), ("peer", "Channel") })
            if (Find(json, type) is { } p)
                candidates.Add(p.Required ? $"Channel(e.{p.CsName}.Id)" : $"e.{p.CsName} is {{ }} {p.JsonName} ? Channel({p.JsonName}.Id) : ");
        if (candidates.Count == 0 && m.Properties.FirstOrDefault(p => p.Required && p.CsType == "Channel") is { } first)
            candidates.Add($"Channel(e.{first.CsName}.Id)");
        foreach (var (json, type) in new[] { ("playback", "Playback"), ("recording", "LiveRecording") })
            if (Find(json, type) is { Required: true } p)
                candidates.Add($"FromTargetUri(e.{p.CsName}.TargetUri)");
        if (Find("bridge", "Bridge") is { } b)
            candidates.Add(b.Required ? $"Bridge(e.{b.CsName}.Id)" : $"e.{b.CsName} is {{ }} bridge ? Bridge(bridge.Id) : ");
        if (candidates.Count == 0) return null;
        // Optional references chain into the next candidate; a trailing optional one falls back to the global lane.
        var expr = new StringBuilder();
        foreach (var c in candidates)
        {
            expr.Append(c);
            if (!c.EndsWith(": ", StringComparison.Ordinal)) return expr.ToString();
        }
        return expr.Append("Global").ToString();
    }
}
