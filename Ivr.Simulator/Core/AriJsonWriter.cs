using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ivr.Ari.Models;

namespace Ivr.Simulator.Core;

/// <summary>Writes JSON as Asterisk does: <c>+0000</c> and <c>&lt;5551234&gt;</c> literally, not as <c>\u002B</c> escapes.</summary>
internal static class AriJsonWriter
{
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> info) => Write(w => JsonSerializer.Serialize(w, value, info));

    /// <summary>An event or message, typed by its <c>type</c> field.</summary>
    public static byte[] Message(Message message) =>
        Write(w => JsonSerializer.Serialize(w, message, AriMessageTypes.TypeInfoFor(message.Type)
            ?? throw new ArgumentException($"'{message.Type}' is not an ARI message type", nameof(message))));

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options)) write(w);
        return buffer.WrittenSpan.ToArray();
    }
}
