using System.Globalization;
using System.Text;

namespace Ivr.Ari.Native;

/// <summary>
/// Builds an ARI query string. Every value is percent-escaped (a bare <c>#</c> would be read as the start of a
/// fragment and lost, so a DTMF string <c>1234#</c> must travel as <c>1234%23</c>), and a list is sent once,
/// comma-joined: when a name is repeated Asterisk keeps only the last value.
/// </summary>
public sealed class AriQuery
{
    readonly StringBuilder _text = new();

    /// <summary>Adds <paramref name="name"/>=<paramref name="value"/> unless the value is null.</summary>
    public void Add(string name, string? value)
    {
        if (value is null) return;
        if (_text.Length > 0) _text.Append('&');
        _text.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    public void Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public void Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public void Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>Adds a list as one comma-joined value; an item that itself holds a comma cannot be sent and is refused.</summary>
    public void Add(string name, IEnumerable<string>? values)
    {
        if (values is null) return;
        var list = values.ToList();
        if (list.Count == 0) throw new ArgumentException($"ARI parameter '{name}' needs at least one value", name);
        foreach (var v in list)
            if (string.IsNullOrEmpty(v) || v.Contains(','))
                throw new ArgumentException($"ARI parameter '{name}' has the value '{v}': list items must be non-empty and cannot contain ',' (Asterisk splits on it)", name);
        Add(name, string.Join(',', list));
    }

    /// <summary>The escaped query string without the leading <c>?</c>; empty when nothing was added.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>Escapes one path segment (an id), refusing an empty one, which would address a different resource.</summary>
    public static string EscapePathSegment(string value, string name)
    {
        if (string.IsNullOrEmpty(value)) throw new ArgumentException($"ARI path parameter '{name}' must not be empty", name);
        return Uri.EscapeDataString(value);
    }
}
