using Ivr.Menus.Yaml;

namespace Ivr.Menus.Loading;

/// <summary>Keypad keys in menu files: one of 0-9 * #, or `none` to turn a standard key off.</summary>
public static class KeyParser
{
    /// <summary>The key, null for `none`, or <paramref name="inherited"/> when the key is not given.</summary>
    public static string? Optional(Fields f, string name, string? inherited)
    {
        var s = f.Scalar(name);
        if (s is null) return inherited;
        return s.Value == "none" ? null : Check(f, s, name);
    }

    public static string? Check(Fields f, YScalar s, string name)
    {
        if (s.Value.Length == 1 && Limits.Keys.Contains(s.Value[0])) return s.Value;
        f.Diagnostics.Error(s.At, $"{f.Owner}: '{name}' must be one key of 0-9 * #, found '{s.Value}'",
            "write one key in quotes, e.g. \"*\" (a bare * starts a YAML alias)");
        return null;
    }
}
