using System.Text.Json.Nodes;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>A message one of the replay's sockets received from the simulator, numbered across all sockets in arrival order.</summary>
public sealed record ReceivedMessage(string Socket, long Seq, JsonObject Json);

/// <summary>Numbers messages across every socket of one replay, and tells the id map about channels as they appear.</summary>
public sealed class MessageLog(Mapping.IdMap ids)
{
    long seq;
    readonly List<ReceivedMessage> messages = [];

    public void Add(string socket, string text)
    {
        JsonObject json;
        try { json = JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["type"] = "(not an object)", ["text"] = text }; }
        catch (System.Text.Json.JsonException) { json = new JsonObject { ["type"] = "(not JSON)", ["text"] = text }; }
        foreach (var field in new[] { "channel", "peer", "replace_channel" })
            if ((string?)json[field]?["id"] is { } id && (string?)json[field]?["name"] is { } name) ids.SawSimChannel(id, name);
        lock (messages) messages.Add(new ReceivedMessage(socket, Interlocked.Increment(ref seq), json));
    }

    public long Mark => Interlocked.Read(ref seq);

    public IReadOnlyList<ReceivedMessage> After(long mark)
    {
        lock (messages) return messages.Where(m => m.Seq > mark).ToList();
    }
}
