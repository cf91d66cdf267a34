using System.Globalization;
using Ivr.Menus.Diagnostics;
using Ivr.Menus.Model;
using Ivr.Menus.Yaml;

namespace Ivr.Menus.Loading;

/// <summary>
/// Typed reads of one YAML mapping. It remembers which keys were asked for, so every other key can be reported
/// as unknown with a "did you mean" drawn from the keys this mapping accepts.
/// </summary>
public sealed class Fields(YMapping map, string owner, DiagnosticBag diagnostics)
{
    readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public YMapping Map => map;
    public string Owner => owner;
    public DiagnosticBag Diagnostics => diagnostics;

    public YNode? Node(string key, bool required = false)
    {
        _known.Add(key);
        var node = map.Get(key);
        if (node is null && required) diagnostics.Error(map.At, $"{owner} needs '{key}'", $"add '{key}:'");
        return node;
    }

    public YScalar? Scalar(string key, bool required = false) => AsScalar(Node(key, required), key);

    public string? Text(string key, bool required = false) => Scalar(key, required)?.Value;

    public int? Int(string key, int min, int max, bool required = false)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        if (!int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            diagnostics.Error(s.At, $"{owner}: '{key}' must be a whole number, found '{s.Value}'", $"write a number from {min} to {max}");
            return null;
        }
        if (value < min || value > max)
        {
            diagnostics.Error(s.At, $"{owner}: '{key}' is {value}, out of range", $"use a number from {min} to {max}");
            return null;
        }
        return value;
    }

    public bool? Bool(string key)
    {
        var s = Scalar(key);
        if (s is null) return null;
        if (s.Value is "true" or "yes" or "on") return true;
        if (s.Value is "false" or "no" or "off") return false;
        diagnostics.Error(s.At, $"{owner}: '{key}' must be true or false, found '{s.Value}'", "write true or false");
        return null;
    }

    /// <summary>Durations are seconds ("5", "1.5s"), milliseconds ("500ms") or minutes ("2m").</summary>
    public TimeSpan? Duration(string key, TimeSpan min, TimeSpan max)
    {
        var s = Scalar(key);
        if (s is null) return null;
        var d = ParseDuration(s.Value);
        if (d is null)
        {
            diagnostics.Error(s.At, $"{owner}: '{key}' must be a duration, found '{s.Value}'", "write seconds like 5 or 5s, or 500ms, or 2m");
            return null;
        }
        if (d < min || d > max)
        {
            diagnostics.Error(s.At, $"{owner}: '{key}' is {Format(d.Value)}, out of range", $"use {Format(min)} to {Format(max)}");
            return null;
        }
        return d;
    }

    public NodeRef? Ref(string key, bool required = false) => NonEmpty(key, required, "a node id") is { } s ? new NodeRef(s.Value, s.At) : null;

    public NameRef? Name(string key, bool required = false) => NonEmpty(key, required, "a name") is { } s ? new NameRef(s.Value, s.At) : null;

    /// <summary>An empty `next:` would otherwise pass every reference check and strand the caller.</summary>
    YScalar? NonEmpty(string key, bool required, string what)
    {
        var s = Scalar(key, required);
        if (s is null || s.Value.Length > 0) return s;
        diagnostics.Error(s.At, $"{owner}: '{key}' is empty", $"write {what} after '{key}:'");
        return null;
    }

    public YMapping? Mapping(string key, bool required = false) => As<YMapping>(Node(key, required), key, "a mapping of name: value");

    public YSequence? Sequence(string key, bool required = false) => As<YSequence>(Node(key, required), key, "a list ('- item' lines)");

    /// <summary>Reports the keys nobody asked for; call after every read.</summary>
    public void ReportUnknown()
    {
        foreach (var (key, _) in map.Entries)
            if (!_known.Contains(key.Value))
                diagnostics.Error(key.At, $"{owner}: unknown key '{key.Value}'", Suggestions.Hint(key.Value, _known));
    }

    public YScalar? AsScalar(YNode? node, string key)
    {
        if (node is null or YScalar) return (YScalar?)node;
        diagnostics.Error(node.At, $"{owner}: '{key}' must be a single value, found {node.KindName}", "write 'key: value' on one line");
        return null;
    }

    T? As<T>(YNode? node, string key, string expected) where T : YNode
    {
        if (node is null or T) return (T?)node;
        diagnostics.Error(node.At, $"{owner}: '{key}' must be {expected}, found {node.KindName}", $"write '{key}:' followed by {expected}");
        return null;
    }

    static TimeSpan? ParseDuration(string text)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v)
            ? TimeSpan.FromSeconds(v * unit) : null;
    }

    static string Format(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
