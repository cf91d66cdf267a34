using System.Text;
using System.Text.Json;

namespace AriGen;

/// <summary>
/// Turns the REST operations of Asterisk's ARI description (the <c>apis</c> of each resource file) into one typed
/// resource class per file: every operation becomes an async method whose parameters keep the description's names.
/// </summary>
public static class RestGenerator
{
    public sealed record Parameter(string Name, string CsName, string Kind, string DataType, bool Required, bool Multiple, string? Description);

    public sealed record Operation(string Method, string Path, string Nickname, string? Summary, string ResponseClass, IReadOnlyList<Parameter> Parameters);

    public sealed record Resource(string Name, string? Description, string File, IReadOnlyList<Operation> Operations);

    /// <summary>The event WebSocket is opened by the event stream, not called as a REST operation.</summary>
    static readonly HashSet<string> NotRest = ["GET /events"];

    static readonly HashSet<string> Keywords = ["event", "object", "string", "operator", "params", "base", "class", "default", "for", "in", "is", "out", "ref", "this"];

    public static IReadOnlyList<Resource> ReadResources(string apiDir)
    {
        var result = new List<Resource>();
        foreach (var file in Directory.GetFiles(apiDir, "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            if (!doc.RootElement.TryGetProperty("apis", out var apis)) continue;
            var name = Path.GetFileNameWithoutExtension(file);
            var ops = new List<Operation>();
            string? description = null;
            foreach (var api in apis.EnumerateArray())
            {
                var path = api.GetProperty("path").GetString()!;
                description ??= api.TryGetProperty("description", out var d) ? d.GetString() : null;
                foreach (var op in api.GetProperty("operations").EnumerateArray())
                {
                    var method = op.GetProperty("httpMethod").GetString()!;
                    if (NotRest.Contains($"{method} {path}")) continue;
                    var ps = new List<Parameter>();
                    if (op.TryGetProperty("parameters", out var parameters))
                        foreach (var p in parameters.EnumerateArray())
                        {
                            var pn = p.GetProperty("name").GetString()!;
                            var kind = p.GetProperty("paramType").GetString()!;
                            ps.Add(new Parameter(pn, CsParameterName(pn), kind, p.GetProperty("dataType").GetString()!,
                                kind == "path" || (p.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True),
                                p.TryGetProperty("allowMultiple", out var m) && m.ValueKind == JsonValueKind.True,
                                p.TryGetProperty("description", out var pd) ? pd.GetString() : null));
                        }
                    ops.Add(new Operation(method, path, op.GetProperty("nickname").GetString()!,
                        op.TryGetProperty("summary", out var s) ? s.GetString() : null, op.GetProperty("responseClass").GetString()!, ps));
                }
            }
            result.Add(new Resource(ModelGenerator.Pascal(name[..1].ToUpperInvariant() + name[1..]), description, Path.GetFileName(file), ops));
        }
        return result;
    }

    static string CsParameterName(string name)
    {
        var pascal = ModelGenerator.Pascal(name);
        var camel = char.ToLowerInvariant(pascal[0]) + pascal[1..];
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    static string CsType(Parameter p)
    {
        var t = (p.Kind, p.DataType, p.Multiple) switch
        {
            ("body", "containers", _) when p.Name == "fields" => "IReadOnlyList<ConfigTuple>",
            ("body", "containers", _) => "IReadOnlyDictionary<string, string>",
            ("body", _, _) => "JsonElement",
            (_, _, true) => "IEnumerable<string>",
            (_, "string", _) => "string",
            (_, "int", _) => "int",
            (_, "long", _) => "long",
            (_, "boolean", _) => "bool",
            _ => throw new InvalidOperationException($"ARI parameter '{p.Name}' has type '{p.DataType}' the generator does not map"),
        };
        return p.Required ? t : t + "?";
    }

    static (string Type, string? Info) Response(string responseClass) => responseClass switch
    {
        "void" => ("Task", null),
        "binary" => ("Task<byte[]>", null),
        _ when responseClass.StartsWith("List[", StringComparison.Ordinal) =>
            ($"Task<IReadOnlyList<{responseClass[5..^1]}>>", $"AriJsonContext.Default.ListOf{responseClass[5..^1]}"),
        _ => ($"Task<{responseClass}>", $"AriJsonContext.Default.{responseClass}"),
    };

    public static string Render(IReadOnlyList<Resource> resources)
    {
        var sb = new StringBuilder(ModelGenerator.Header);
        sb.AppendLine("using System.Text.Json;");
        sb.AppendLine("using Ivr.Ari.Models;");
        sb.AppendLine("using Ivr.Ari.Native;");
        sb.AppendLine();
        sb.AppendLine("namespace Ivr.Ari.Resources;");
        foreach (var r in resources)
        {
            sb.AppendLine();
            sb.AppendLine($"/// <summary>ARI <c>{r.Name}</c> operations: {Xml(r.Description ?? r.Name)}.</summary>");
            sb.AppendLine($"/// <remarks>Generated from <c>{r.File}</c>.</remarks>");
            sb.AppendLine($"public sealed partial class {r.Name}Resource");
            sb.AppendLine("{");
            sb.AppendLine("    readonly AriRestCore _rest;");
            sb.AppendLine();
            sb.AppendLine($"    internal {r.Name}Resource(AriRestCore rest) => _rest = rest;");
            foreach (var op in r.Operations) RenderOperation(sb, op);
            sb.AppendLine("}");
        }
        return sb.ToString();
    }

    static void RenderOperation(StringBuilder sb, Operation op)
    {
        // Path parameters first, then required ones, then optional ones, each group in the description's order.
        var ordered = op.Parameters.Where(p => p.Kind == "path")
            .Concat(op.Parameters.Where(p => p.Kind != "path" && p.Required))
            .Concat(op.Parameters.Where(p => p.Kind != "path" && !p.Required)).ToList();
        var (returnType, info) = Response(op.ResponseClass);
        sb.AppendLine();
        sb.AppendLine($"    /// <summary>{Xml(op.Summary ?? op.Nickname)} (<c>{op.Method} {op.Path}</c>)</summary>");
        foreach (var p in ordered)
            sb.AppendLine($"    /// <param name=\"{p.CsName.TrimStart('@')}\">{Xml(p.Description ?? p.Name)}</param>");
        sb.AppendLine("    /// <param name=\"cancellationToken\">Cancels the request; the client's request timeout applies as well.</param>");
        var args = ordered.Select(p => $"{CsType(p)} {p.CsName}" + (p.Required ? "" : " = null"))
            .Append("CancellationToken cancellationToken = default");
        sb.AppendLine($"    public {returnType} {ModelGenerator.Pascal(op.Nickname[..1].ToUpperInvariant() + op.Nickname[1..])}Async({string.Join(", ", args)})");
        sb.AppendLine("    {");
        var path = "\"" + op.Path.TrimStart('/') + "\"";
        foreach (var p in op.Parameters.Where(p => p.Kind == "path"))
            path = path.Replace("{" + p.Name + "}", $"\" + AriQuery.EscapePathSegment({p.CsName}, \"{p.Name}\") + \"");
        path = path.Replace(" + \"\"", "");
        sb.AppendLine("        var query = new AriQuery();");
        foreach (var p in op.Parameters.Where(p => p.Kind == "query"))
            sb.AppendLine($"        query.Add(\"{p.Name}\", {p.CsName});");
        var body = op.Parameters.FirstOrDefault(p => p.Kind == "body") is { } b ? $"AriBody.Of(\"{b.Name}\", {b.CsName})" : "null";
        var send = info is not null ? $"_rest.SendAsync(\"{op.Method}\", {path}, query, {body}, {info}, cancellationToken)"
            : op.ResponseClass == "binary" ? $"_rest.SendForBytesAsync(\"{op.Method}\", {path}, query, {body}, cancellationToken)"
            : $"_rest.SendAsync(\"{op.Method}\", {path}, query, {body}, cancellationToken)";
        sb.AppendLine($"        return {send};");
        sb.AppendLine("    }");
    }

    static string Xml(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")
        .Replace("\r", "").Replace("\n", " ").Trim().TrimEnd('.');
}
