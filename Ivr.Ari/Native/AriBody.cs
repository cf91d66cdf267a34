using System.Text.Json;
using Ivr.Ari.Models;

namespace Ivr.Ari.Native;

/// <summary>ARI's JSON request bodies: one object whose single member is named after the body parameter.</summary>
public static class AriBody
{
    /// <summary><c>{"variables": {"k": "v"}}</c>, or no body when <paramref name="values"/> is null.</summary>
    public static byte[]? Of(string name, IReadOnlyDictionary<string, string>? values) => values is null ? null : Write(name, w =>
    {
        w.WriteStartObject();
        foreach (var (k, v) in values) w.WriteString(k, v);
        w.WriteEndObject();
    });

    /// <summary><c>{"fields": [{"attribute": .., "value": ..}]}</c> for dynamic configuration objects.</summary>
    public static byte[]? Of(string name, IReadOnlyList<ConfigTuple>? fields) => fields is null ? null : Write(name, w =>
    {
        w.WriteStartArray();
        foreach (var f in fields)
        {
            w.WriteStartObject();
            w.WriteString("attribute", f.Attribute);
            w.WriteString("value", f.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    /// <summary>An arbitrary JSON value under <paramref name="name"/>.</summary>
    public static byte[]? Of(string name, JsonElement? value) => value is not { } v ? null : Write(name, v.WriteTo);

    static byte[] Write(string name, Action<Utf8JsonWriter> value)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WritePropertyName(name);
            value(w);
            w.WriteEndObject();
        }
        return stream.ToArray();
    }
}
