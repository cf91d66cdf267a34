using System.Text.Json.Nodes;

namespace Ivr.Tests.Conformance.Comparison;

/// <summary>A message the simulator sent on a socket, already rewritten into the trace's ids (see IdMap).</summary>
public sealed record ObservedEvent(string Socket, int Seq, JsonObject Json)
{
    public string Type => (string?)Json["type"] ?? "";
}
