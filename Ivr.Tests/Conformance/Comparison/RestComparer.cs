using System.Text.Json.Nodes;
using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance.Comparison;

/// <summary>
/// Compares one replayed REST call with the trace: the status (or the connection error), the media type,
/// the top-level field names of the body (of the first element for a list, plus the list's length), and
/// the values that carry behaviour (`state`, `value`, `message`).
/// </summary>
public static class RestComparer
{
    static readonly string[] BehaviourFields = ["state", "value", "message"];

    /// <summary>
    /// Values Asterisk itself gives either way for the same request: a new recording's snapshot is taken while
    /// the channel's control thread may or may not have started it (the record trace has both answers for
    /// identical requests on one channel), so "queued" and "recording" are the same behaviour.
    /// </summary>
    static readonly string[][] RacingStates = [["\"queued\"", "\"recording\""]];

    static bool SameBehaviour(string field, string? want, string? got) =>
        want == got || field == "state" && RacingStates.Any(r => r.Contains(want) && r.Contains(got));

    public static IReadOnlyList<Mismatch> Compare(string scenario, RestExchange want, RestResult got)
    {
        var where = $"REST line {want.Line} {want.Method} {want.Path}";
        var findings = new List<string>();
        if (want.Status != got.Status || (want.Failed && want.ErrorCode != got.ErrorCode))
            findings.Add($"expected {want.Outcome}, got {got.Outcome}" + (got.Body is null ? "" : $" with body {Short(got.Body)}"));
        else
        {
            if (MediaType(want.ContentType) != MediaType(got.ContentType))
                findings.Add($"content type: expected {want.ContentType ?? "(none)"}, got {got.ContentType ?? "(none)"}");
            findings.AddRange(BodyDifferences(want.Body, got));
        }
        return findings.Select(f => new Mismatch(scenario, where, f)).ToList();
    }

    static IEnumerable<string> BodyDifferences(JsonNode? want, RestResult got)
    {
        switch (want)
        {
            case null:
                if (got.Body is not null || got.Binary is { Length: > 0 }) yield return $"expected no body, got {Short(got.Body)}";
                break;
            case JsonObject o when o.ContainsKey("_binary"):
                foreach (var d in BinaryDifferences(o, got.Binary)) yield return d;
                break;
            case JsonObject o:
                if (got.Body is not JsonObject g) { yield return $"expected a JSON object, got {Short(got.Body)}"; break; }
                foreach (var d in KeyDifferences(o, g, "body")) yield return d;
                foreach (var field in BehaviourFields)
                {
                    var w = JsonShape.Normalized(o[field]);
                    var v = JsonShape.Normalized(g[field]);
                    if (!SameBehaviour(field, w, v)) yield return $"body.{field}: expected {w}, got {v}";
                }
                break;
            case JsonArray a:
                if (got.Body is not JsonArray ga) { yield return $"expected a JSON list, got {Short(got.Body)}"; break; }
                if (a.Count != ga.Count) yield return $"expected a list of {a.Count}, got {ga.Count}: {Short(ga)}";
                else if (a.Count > 0 && a[0] is JsonObject first && ga[0] is JsonObject gotFirst)
                    foreach (var d in KeyDifferences(first, gotFirst, "body[0]")) yield return d;
                break;
        }
    }

    static IEnumerable<string> KeyDifferences(JsonObject want, JsonObject got, string what)
    {
        var missing = want.Select(p => p.Key).Except(got.Select(p => p.Key)).ToList();
        var extra = got.Select(p => p.Key).Except(want.Select(p => p.Key)).ToList();
        if (missing.Count > 0) yield return $"{what} fields missing: {string.Join(", ", missing)}";
        if (extra.Count > 0) yield return $"{what} fields not in the trace: {string.Join(", ", extra)}";
    }

    /// <summary>A WAV file: the RIFF and WAVEfmt marks must match; the size varies with what was recorded.</summary>
    static IEnumerable<string> BinaryDifferences(JsonObject want, byte[]? got)
    {
        var hex = (string?)want["first_bytes_hex"] ?? "";
        var gotHex = got is null ? "" : Convert.ToHexStringLower(got.AsSpan(0, Math.Min(16, got.Length)));
        if (hex.Length < 32 || gotHex.Length < 32 || hex[..8] != gotHex[..8] || hex[16..32] != gotHex[16..32])
            yield return $"file: expected bytes like {hex}, got {(gotHex.Length == 0 ? "no bytes" : gotHex)}";
    }

    static string? MediaType(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant();

    static string Short(JsonNode? body)
    {
        var text = body?.ToJsonString() ?? "(none)";
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
