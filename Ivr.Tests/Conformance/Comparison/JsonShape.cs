using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ivr.Tests.Conformance.Comparison;

/// <summary>The parts of a JSON message that are compared: the field names present, and values with the varying parts taken out.</summary>
public static partial class JsonShape
{
    /// <summary>Every field path present, recursively; array elements share the path `name[]`.</summary>
    public static SortedSet<string> FieldPaths(JsonNode? node)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Collect(node, "", paths);
        return paths;
    }

    static void Collect(JsonNode? node, string prefix, SortedSet<string> paths)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    var path = prefix.Length == 0 ? name : prefix + "." + name;
                    paths.Add(path);
                    Collect(value, path, paths);
                }
                break;
            case JsonArray a:
                foreach (var item in a) Collect(item, prefix + "[]", paths);
                break;
        }
    }

    /// <summary>The node at a dotted path, or null.</summary>
    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
            node = node is JsonObject o ? o[part] : null;
        return node;
    }

    /// <summary>
    /// A value as compared: JSON text with Local/Announcer channel sequence numbers (`-0000000a;2`) blanked,
    /// since the simulator numbers its channels on its own.
    /// </summary>
    public static string Normalized(JsonNode? value) =>
        value is null ? "(absent)" : ChannelSequence().Replace(value.ToJsonString(), "-########;");

    [GeneratedRegex("-[0-9a-f]{8};")]
    private static partial Regex ChannelSequence();

    /// <summary>A one-line summary of a message for failure output.</summary>
    public static string Summary(JsonObject e)
    {
        var text = e.ToJsonString();
        return text.Length <= 240 ? text : text[..240] + "…";
    }
}
