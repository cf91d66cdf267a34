using System.Text.Json.Nodes;
using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance.Comparison;

/// <summary>
/// Compares the messages the simulator sent with the trace, per socket and per channel (EventKey): the same
/// types in the same order, the same field names, and the same values where a value carries behaviour.
/// Ids and timestamps are not compared (the caller has already mapped the simulator's ids to the trace's).
/// The two streams are aligned first (longest common subsequence), so one missing event is reported as
/// missing instead of shifting every later comparison.
/// </summary>
public static class EventComparer
{
    /// <summary>Values that carry behaviour; everything else only has to be present.</summary>
    public static readonly IReadOnlyList<string> BehaviourPaths =
    [
        "channel.state", "peer.state", "channel.caller.number", "channel.connected.number",
        "cause", "soft", "dialstatus", "dialstring",
        "playback.state", "playback.media_uri", "playback.next_media_uri", "playback.target_uri",
        "recording.name", "recording.state", "recording.duration", "recording.target_uri",
        "digit", "duration_ms", "args", "variable", "value",
        "dialplan_app", "dialplan_app_data", "application", "status_code",
        "bridge.bridge_type", "bridge.channels",
    ];

    /// <summary>More than this many findings in one stream are summarised as a count.</summary>
    const int FindingsPerStream = 3;

    /// <summary>
    /// <paramref name="durationSlack"/>: how many seconds a recording's <c>duration</c> may differ. It counts the seconds in
    /// which frames arrived, set by when the replay's requests took effect, so a replay that ran late by a good part of a
    /// second cannot reproduce the trace's whole seconds exactly (holding-queue: 16.2 s of frames, reported as 16).
    /// </summary>
    public static IReadOnlyList<Mismatch> Compare(string scenario, IEnumerable<TraceEvent> expected, IEnumerable<ObservedEvent> actual, int durationSlack = 0)
    {
        var want = expected.GroupBy(e => (e.Socket, Key: EventKey.Of(e.Json))).ToDictionary(g => g.Key, g => g.ToList());
        var got = actual.GroupBy(e => (e.Socket, Key: EventKey.Of(e.Json))).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Seq).ToList());
        var mismatches = new List<Mismatch>();
        foreach (var key in want.Keys.Union(got.Keys).OrderBy(k => k.Socket, StringComparer.Ordinal).ThenBy(k => k.Key, StringComparer.Ordinal))
        {
            var findings = CompareStream(want.GetValueOrDefault(key) ?? [], got.GetValueOrDefault(key) ?? [], durationSlack);
            var where = $"socket {key.Socket}, channel {key.Key}";
            mismatches.AddRange(findings.Take(FindingsPerStream).Select(f => new Mismatch(scenario, $"{where}, {f.Index}", f.What)));
            if (findings.Count > FindingsPerStream)
                mismatches.Add(new(scenario, where, $"and {findings.Count - FindingsPerStream} more differences in this channel's events"));
        }
        return mismatches;
    }

    sealed record Finding(string Index, string What);

    static List<Finding> CompareStream(List<TraceEvent> want, List<ObservedEvent> got, int durationSlack)
    {
        var wantSig = want.Select(e => Signature(e.Json, durationSlack)).ToList();
        var gotSig = got.Select(e => Signature(e.Json, durationSlack)).ToList();
        var findings = new List<(int Order, Finding Finding)>();
        var unmatchedWant = new List<(int Index, int Gap)>();
        var unmatchedGot = new List<(int Index, int Gap)>();
        var gap = 0;
        foreach (var (w, g) in Align(wantSig, gotSig))
        {
            if (w is { } wi && g is { } gi)
            {
                gap++;
                var differences = Differences(want[wi].Json, got[gi].Json, durationSlack);
                if (differences.Count > 0) findings.Add((wi, new($"event #{wi + 1}", $"{want[wi].Type} (trace line {want[wi].Line}): {string.Join("; ", differences)}")));
            }
            else if (w is { } onlyWant) unmatchedWant.Add((onlyWant, gap));
            else unmatchedGot.Add((g!.Value, gap));
        }

        // Within one gap, a trace event and a simulator event of the same type are one event with other values.
        foreach (var w in unmatchedWant.ToList())
        {
            var g = unmatchedGot.FindIndex(g => g.Gap == w.Gap && got[g.Index].Type == want[w.Index].Type);
            if (g < 0) continue;
            var gi = unmatchedGot[g].Index;
            unmatchedGot.RemoveAt(g);
            unmatchedWant.Remove(w);
            var differences = Differences(want[w.Index].Json, got[gi].Json, durationSlack);
            if (differences.Count > 0)
                findings.Add((w.Index, new($"event #{w.Index + 1}", $"{want[w.Index].Type} (trace line {want[w.Index].Line}): {string.Join("; ", differences)}")));
        }
        // The same event elsewhere in the stream: it came out of order.
        foreach (var w in unmatchedWant.ToList())
        {
            var g = unmatchedGot.FindIndex(g => gotSig[g.Index] == wantSig[w.Index]);
            if (g < 0) continue;
            var gi = unmatchedGot[g].Index;
            unmatchedGot.RemoveAt(g);
            unmatchedWant.Remove(w);
            findings.Add((w.Index, new($"event #{w.Index + 1}", $"{want[w.Index].Type} (trace line {want[w.Index].Line}) came out of order: the simulator sent it as event #{gi + 1}; "
                + $"trace order {Types(want.Select(e => e.Type), w.Index)} vs simulator {Types(got.Select(e => e.Type), gi)}")));
        }
        foreach (var (w, _) in unmatchedWant)
            findings.Add((w, new($"event #{w + 1}", $"expected {want[w].Type} (trace line {want[w].Line}) but the simulator did not send it; expected {JsonShape.Summary(want[w].Json)}")));
        foreach (var (g, _) in unmatchedGot)
            findings.Add((g, new($"simulator event #{g + 1}", $"the simulator sent {got[g].Type}, which the trace does not have here (this channel's trace lines: {Lines(want)}); got {JsonShape.Summary(got[g].Json)}")));
        return findings.OrderBy(f => f.Order).Select(f => f.Finding).ToList();
    }

    /// <summary>A longest-common-subsequence alignment: pairs (trace index, simulator index), null where one side has no partner.</summary>
    static List<(int? Want, int? Got)> Align(List<string> want, List<string> got)
    {
        var lcs = new int[want.Count + 1, got.Count + 1];
        for (var i = want.Count - 1; i >= 0; i--)
            for (var j = got.Count - 1; j >= 0; j--)
                lcs[i, j] = want[i] == got[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var pairs = new List<(int?, int?)>();
        int a = 0, b = 0;
        while (a < want.Count && b < got.Count)
        {
            if (want[a] == got[b]) pairs.Add((a++, b++));
            else if (lcs[a + 1, b] >= lcs[a, b + 1]) pairs.Add((a++, null));
            else pairs.Add((null, b++));
        }
        while (a < want.Count) pairs.Add((a++, null));
        while (b < got.Count) pairs.Add((null, b++));
        return pairs;
    }

    static string Signature(JsonObject e, int durationSlack) =>
        (string?)e["type"] + "|" + string.Join("|", BehaviourPaths.Where(p => durationSlack == 0 || p != RecordingDuration).Select(p => Value(e, p)));

    const string RecordingDuration = "recording.duration";

    /// <summary>Field-name and behaviour-value differences between two messages of the same type.</summary>
    public static List<string> Differences(JsonObject want, JsonObject got, int durationSlack = 0)
    {
        var differences = new List<string>();
        var wantPaths = JsonShape.FieldPaths(want);
        var gotPaths = JsonShape.FieldPaths(got);
        var missing = wantPaths.Except(gotPaths).ToList();
        var extra = gotPaths.Except(wantPaths).ToList();
        if (missing.Count > 0) differences.Add("fields missing: " + string.Join(", ", missing));
        if (extra.Count > 0) differences.Add("fields not in the trace: " + string.Join(", ", extra));
        foreach (var path in BehaviourPaths)
        {
            var w = Value(want, path);
            var g = Value(got, path);
            if (w == g) continue;
            if (path == RecordingDuration && int.TryParse(w, out var wantSeconds) && int.TryParse(g, out var gotSeconds)
                && Math.Abs(wantSeconds - gotSeconds) <= durationSlack) continue;
            differences.Add($"{path}: expected {w}, got {g}");
        }
        return differences;
    }

    static string Value(JsonObject e, string path)
    {
        var node = JsonShape.At(e, path);
        // A bridge lists its channels in no particular order.
        if (path == "bridge.channels" && node is JsonArray a)
            return "[" + string.Join(",", a.Select(x => JsonShape.Normalized(x)).Order(StringComparer.Ordinal)) + "]";
        return JsonShape.Normalized(node);
    }

    static string Types(IEnumerable<string> types, int from)
    {
        var list = types.ToList();
        var start = Math.Max(0, from - 1);
        return "[" + (start > 0 ? "…, " : "") + string.Join(", ", list.Skip(start).Take(4)) + (list.Count > start + 4 ? ", …" : "") + "]";
    }

    static string Lines(List<TraceEvent> events) => events.Count == 0 ? "none" : events.Count <= 6
        ? string.Join(", ", events.Select(e => e.Line))
        : $"{events[0].Line}…{events[^1].Line}";
}
