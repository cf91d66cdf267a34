using System.Text.Json.Nodes;

namespace Ivr.Tests.Conformance.Comparison;

/// <summary>What the simulator answered to one replayed request (ids already mapped back to the trace's).</summary>
public sealed record RestResult(int? Status, string? ContentType, JsonNode? Body, byte[]? Binary, string? ErrorCode)
{
    public string Outcome => Status is null ? ErrorCode ?? "no response" : $"{Status}{(ContentType is null ? "" : " " + ContentType)}";
}
