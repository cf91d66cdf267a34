using System.Text.Json.Nodes;

namespace Ivr.Tests.Conformance.Traces;

/// <summary>One websocket message as the reference Asterisk sent it: its line in `&lt;scenario&gt;.jsonl` and the socket that got it.</summary>
public sealed record TraceEvent(int Line, string Socket, JsonObject Json)
{
    public string Type => (string?)Json["type"] ?? "";

    /// <summary>Asterisk's own clock (ms resolution); absent on a few message kinds.</summary>
    public DateTimeOffset? Timestamp => TraceTime.TryParse((string?)Json["timestamp"]);
}
