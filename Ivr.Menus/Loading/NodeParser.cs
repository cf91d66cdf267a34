using Ivr.Menus.Diagnostics;
using Ivr.Menus.Model;
using Ivr.Menus.Yaml;

namespace Ivr.Menus.Loading;

/// <summary>Builds one node record from its YAML mapping; each node type has its reader in a part of this class.</summary>
public sealed partial class NodeParser(MenuDefaults defaults, DiagnosticBag diagnostics)
{
    readonly PlayItemParser _play = new(defaults.Languages, diagnostics);

    /// <summary>The node types a file may use, for "did you mean".</summary>
    public static readonly string[] Types =
        ["menu", "collect", "action", "play", "queue", "record", "survey", "branch", "set", "goto", "subflow", "return", "language", "sms", "callback", "hangup"];

    public MenuNode? Parse(YScalar id, YNode body)
    {
        if (body is not YMapping map)
        {
            diagnostics.Error(body.At, $"node '{id.Value}' must be a mapping with a 'type', found {body.KindName}", "write 'type: menu' (or another node type) under the node id");
            return null;
        }
        var f = new Fields(map, $"node '{id.Value}'", diagnostics);
        var type = f.Scalar("type", required: true);
        var maxVisits = f.Int("max-visits", Limits.MinVisits, Limits.MaxVisits);
        MenuNode? node = type?.Value switch
        {
            null => null,
            "menu" => Menu(f),
            "collect" => Collect(f),
            "action" => Action(f),
            "play" => new PlayNode { Items = Play(f, "play", required: true), Next = Next(f) },
            "queue" => Queue(f),
            "record" => Record(f),
            "survey" => Survey(f),
            "branch" => Branch(f),
            "set" => Set(f),
            "goto" => new GotoNode { Target = Ref(f, "goto") },
            "subflow" => new SubflowNode { Flow = Ref(f, "flow"), Next = Next(f) },
            "return" => new ReturnNode(),
            "language" => Language(f),
            "sms" => Sms(f),
            "callback" => new CallbackNode { Queue = NameOf(f, "queue"), Number = ValueOf(f, "number", "$caller"), Next = Next(f) },
            "hangup" => new HangupNode { Prompt = Play(f, "prompt") },
            _ => null,
        };
        if (type is not null && node is null)
        {
            diagnostics.Error(type.At, $"node '{id.Value}': unknown type '{type.Value}'", Suggestions.Hint(type.Value, Types));
            return null;
        }
        f.ReportUnknown();
        return node is null ? null : node with { Id = id.Value, At = id.At, MaxVisits = maxVisits };
    }

    IReadOnlyList<PlayItem> Play(Fields f, string key, bool required = false, IReadOnlyList<PlayItem>? inherited = null)
    {
        var node = f.Node(key, required);
        return node is null ? inherited ?? [] : _play.Parse(node, f.Owner);
    }

    static NodeRef Next(Fields f) => Ref(f, "next");

    /// <summary>A required reference; when missing, a placeholder that the error above already explains.</summary>
    static NodeRef Ref(Fields f, string key) => f.Ref(key, required: true) ?? new NodeRef("", f.Map.At);

    static NameRef NameOf(Fields f, string key) => f.Name(key, required: true) ?? new NameRef("", f.Map.At);

    static string VariableName(Fields f, string key) => f.Text(key, required: true) ?? "";

    static Value ValueOf(Fields f, string key, string fallback)
    {
        var s = f.Scalar(key);
        return s is null ? Value.Parse(f.Map.At, fallback) : Value.Parse(s.At, s.Value);
    }

    /// <summary>Reads a mapping of name → value; the YAML reader has already rejected repeated names.</summary>
    static IEnumerable<(YScalar Key, YScalar Value)> Pairs(Fields f, string key)
    {
        var map = f.Mapping(key);
        if (map is null) yield break;
        foreach (var (k, v) in map.Entries)
            if (f.AsScalar(v, $"{key}.{k.Value}") is { } s) yield return (k, s);
    }
}
