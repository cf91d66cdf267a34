using System.Text.Json;
using Ivr.Ari.Models;

namespace Ivr.Ari.Json;

/// <summary>Parses one WebSocket text frame from ARI into its typed message.</summary>
public static class AriMessageParser
{
    /// <summary>
    /// Parses <paramref name="utf8"/>; a type this description does not know (a newer Asterisk) comes back as
    /// <see cref="UnknownMessage"/> instead of failing, so one new event never breaks a connection.
    /// </summary>
    public static Message Parse(ReadOnlySpan<byte> utf8)
    {
        var type = ReadType(utf8) ?? throw new JsonException("ARI message has no \"type\"");
        var info = AriMessageTypes.TypeInfoFor(type);
        if (info is null) return new UnknownMessage { Type = type, Raw = JsonDocument.Parse(utf8.ToArray()).RootElement.Clone() };
        return (Message)(JsonSerializer.Deserialize(utf8, info) ?? throw new JsonException("ARI message is null"));
    }

    /// <summary>Serialises a message as Asterisk would send it (the simulator's side).</summary>
    public static byte[] Serialize(Message message)
    {
        var info = AriMessageTypes.TypeInfoFor(message.Type)
            ?? throw new ArgumentException($"'{message.Type}' is not an ARI message type", nameof(message));
        return JsonSerializer.SerializeToUtf8Bytes(message, info);
    }

    static string? ReadType(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("ARI message is not a JSON object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                return reader.GetString();
            }
            reader.Read();
            reader.Skip();
        }
        return null;
    }
}
