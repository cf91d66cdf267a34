using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ivr.Tests.Conformance.Traces;

/// <summary>
/// Finds and reads the trace files. Every scenario is named by a `&lt;scenario&gt;.rest.jsonl`, so a trace added
/// to the folder later becomes a test case without code changes.
/// </summary>
public static class TraceLoader
{
    public static IReadOnlyList<string> Discover(string directory) =>
        System.IO.Directory.GetFiles(directory, "*.rest.jsonl")
            .Select(f => Path.GetFileName(f)[..^".rest.jsonl".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static TraceScenario Load(string directory, string name)
    {
        var restFile = Path.Combine(directory, name + ".rest.jsonl");
        var rest = new List<RestExchange>();
        var notes = new List<StepNote>();
        foreach (var (line, json) in ReadLines(restFile))
        {
            var where = $"{restFile}:{line}";
            if (json["method"] is null)
            {
                var text = (string?)json["note"] ?? throw new FormatException($"{where}: a line needs either `method` (a REST call) or `note` (a step marker)");
                notes.Add(new StepNote(line, TraceTime.Parse(Required(json, "t", where), where), text));
                continue;
            }
            rest.Add(new RestExchange(
                line,
                TraceTime.Parse(Required(json, "t_sent", where), where),
                TraceTime.TryParse((string?)json["t_recv"]),
                Required(json, "method", where),
                Required(json, "path", where),
                json["request_body"]?.DeepClone(),
                (int?)json["status"],
                (string?)json["content_type"],
                json["body"]?.DeepClone(),
                (string?)json["note"],
                (string?)json["error"]?["code"]));
        }

        var socketsFile = Path.Combine(directory, name + ".sockets.jsonl");
        var sockets = File.Exists(socketsFile)
            ? ReadLines(socketsFile).Select(l => ToHappening(l.Line, l.Json, $"{socketsFile}:{l.Line}")).ToList()
            : [];
        var socketOfLine = sockets.Where(s => s.Kind == "message" && s.MessageLine is not null)
            .ToDictionary(s => s.MessageLine!.Value, s => s.Socket);

        var eventsFile = Path.Combine(directory, name + ".jsonl");
        var events = File.Exists(eventsFile)
            ? ReadLines(eventsFile).Select(l => new TraceEvent(l.Line, SocketOf(l.Line, l.Json, socketOfLine, sockets.Count > 0, eventsFile), l.Json)).ToList()
            : [];

        return new TraceScenario(name, directory, rest, notes, events, sockets);
    }

    static string SocketOf(int line, JsonObject json, Dictionary<int, string> socketOfLine, bool haveSocketsFile, string file)
    {
        if (socketOfLine.TryGetValue(line, out var socket)) return socket;
        if (haveSocketsFile) throw new FormatException($"{file}:{line}: no `message` line in the sockets file says which socket received this message");
        // Without a sockets file there was one socket per app, and `application` names it.
        var app = (string?)json["application"] ?? throw new FormatException($"{file}:{line}: message has no `application` field, so its socket is unknown");
        return SocketLabel.First(app);
    }

    static SocketHappening ToHappening(int line, JsonObject json, string where) =>
        new(line, TraceTime.Parse(Required(json, "t", where), where), Required(json, "socket", where), Required(json, "kind", where), json);

    static string Required(JsonObject json, string field, string where) =>
        (string?)json[field] ?? throw new FormatException($"{where}: field `{field}` is missing");

    static IEnumerable<(int Line, JsonObject Json)> ReadLines(string file)
    {
        var n = 0;
        foreach (var text in File.ReadLines(file))
        {
            n++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonNode? node;
            try { node = JsonNode.Parse(text); }
            catch (JsonException e) { throw new FormatException($"{file}:{n}: not JSON ({e.Message})", e); }
            yield return (n, node as JsonObject ?? throw new FormatException($"{file}:{n}: expected a JSON object"));
        }
    }
}
