using System.Text.Json.Nodes;

namespace Ivr.Tests.Conformance.Traces;

/// <summary>One REST call of `&lt;scenario&gt;.rest.jsonl` and what the reference Asterisk answered.</summary>
public sealed record RestExchange(
    int Line,
    DateTimeOffset Sent,
    DateTimeOffset? Received,
    string Method,
    string Path,
    JsonNode? RequestBody,
    int? Status,
    string? ContentType,
    JsonNode? Body,
    string? Note,
    string? ErrorCode)
{
    /// <summary>The request got no HTTP response (e.g. ECONNREFUSED while Asterisk was stopped).</summary>
    public bool Failed => Status is null;

    /// <summary>What the client saw, in one word: the status and media type, or the socket error.</summary>
    public string Outcome => Failed ? ErrorCode ?? "no response" : $"{Status}{(ContentType is null ? "" : " " + ContentType)}";
}
