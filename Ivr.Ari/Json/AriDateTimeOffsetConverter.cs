using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ivr.Ari.Json;

/// <summary>
/// Reads and writes Asterisk's timestamps (<c>2026-11-22T16:38:01.815+0000</c>): the offset has no colon,
/// which System.Text.Json's ISO 8601 reader refuses.
/// </summary>
public sealed class AriDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:ss.fffzz00", "yyyy-MM-dd'T'HH:mm:sszzz", "o"];

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString() ?? throw new JsonException("null is not an ARI timestamp"));

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    /// <summary>Formats as Asterisk does: milliseconds and a colon-less offset.</summary>
    public static string Format(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture)
        + (value.Offset < TimeSpan.Zero ? "-" : "+") + value.Offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);

    /// <summary>Parses Asterisk's form and, for tolerance, ISO 8601 with a colon.</summary>
    public static DateTimeOffset Parse(string s)
    {
        // "+0000" → "+00:00" so the standard parser takes it.
        if (s.Length > 5 && (s[^5] == '+' || s[^5] == '-') && char.IsDigit(s[^1]) && s[^3] != ':')
            s = s[..^2] + ":" + s[^2..];
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v)) return v;
        throw new JsonException($"'{s}' is not an ARI timestamp");
    }
}

/// <summary>The nullable form of <see cref="AriDateTimeOffsetConverter"/>.</summary>
public sealed class AriNullableDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : AriDateTimeOffsetConverter.Parse(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteStringValue(AriDateTimeOffsetConverter.Format(v));
        else writer.WriteNullValue();
    }
}
