using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ivr.Tests.Conformance.Mapping;

/// <summary>
/// Pairs the ids of the trace with the simulator's. Asterisk generated many ids itself (channel ids
/// `1795365481.0`, playback and bridge UUIDs); the simulator makes its own, learned from REST responses
/// (parallel walk of the trace's and the simulator's body) and, for the `;2` leg of a Local channel that no
/// response names, from the channel name: the trace's `...-00000000;2` is the simulator's sibling of the `;1`
/// whose name was learned. Ids the trace chose itself (`seat-leg1`, `pb-menu-1`) are used as they are.
/// Thread-safe: events arrive on socket readers while requests are sent.
/// </summary>
public sealed partial class IdMap
{
    readonly Lock gate = new();
    readonly Dictionary<string, string> traceToSim = [];
    readonly Dictionary<string, string> simToTrace = [];
    readonly Dictionary<string, string> tracePrefixToSim = [];
    readonly Dictionary<string, string> traceNameOfId = [];
    readonly Dictionary<string, string> simIdOfName = [];
    readonly List<string> conflicts = [];

    /// <summary>Pairings that contradicted an earlier one (a sign that the replay went astray).</summary>
    public IReadOnlyList<string> Conflicts { get { lock (gate) return conflicts.ToList(); } }

    /// <summary>Remembers the trace's channel names, so that a `;2` leg can be found by its sibling's name.</summary>
    public void KnowTraceChannel(string id, string name)
    {
        lock (gate) traceNameOfId.TryAdd(id, name);
    }

    /// <summary>A channel the simulator told about (in an event or a response).</summary>
    public void SawSimChannel(string id, string name)
    {
        lock (gate) simIdOfName[name] = id;
    }

    public void Pair(string traceId, string simId)
    {
        lock (gate)
        {
            if (traceToSim.TryGetValue(traceId, out var known))
            {
                if (known != simId) conflicts.Add($"trace id {traceId} was paired with simulator id {known}, now also with {simId}");
                return;
            }
            traceToSim[traceId] = simId;
            simToTrace.TryAdd(simId, traceId);
        }
    }

    void PairNames(string traceName, string simName)
    {
        var t = LocalName().Match(traceName);
        var s = LocalName().Match(simName);
        if (t.Success && s.Success) lock (gate) tracePrefixToSim.TryAdd(t.Groups["prefix"].Value, s.Groups["prefix"].Value);
    }

    /// <summary>Learns from a REST response: the same object in the trace's and the simulator's body.</summary>
    public void Learn(JsonNode? trace, JsonNode? sim)
    {
        if (trace is not JsonObject t || sim is not JsonObject s) return;
        if ((string?)t["id"] is { } tid && (string?)s["id"] is { } sid)
        {
            Pair(tid, sid);
            if ((string?)t["name"] is { } tn && (string?)s["name"] is { } sn && tn.Contains('/') && sn.Contains('/'))
            {
                PairNames(tn, sn);
                SawSimChannel(sid, sn);
            }
        }
        foreach (var (name, value) in t)
            if (value is JsonObject child) Learn(child, s[name]);
    }

    /// <summary>The simulator's id for a trace id, or null when none is known yet.</summary>
    public string? ToSim(string traceId)
    {
        lock (gate)
        {
            if (traceToSim.TryGetValue(traceId, out var sim)) return sim;
            if (!traceNameOfId.TryGetValue(traceId, out var traceName)) return null;
            var m = LocalName().Match(traceName);
            if (!m.Success || !tracePrefixToSim.TryGetValue(m.Groups["prefix"].Value, out var simPrefix)) return null;
            if (!simIdOfName.TryGetValue(simPrefix + m.Groups["leg"].Value, out sim)) return null;
            traceToSim[traceId] = sim;
            simToTrace.TryAdd(sim, traceId);
            return sim;
        }
    }

    /// <summary>The trace's id for a simulator id; the id itself when it has no counterpart.</summary>
    public string ToTrace(string simId)
    {
        lock (gate) return simToTrace.GetValueOrDefault(simId, simId);
    }

    /// <summary>Ids Asterisk made up (channel `epoch.n`, UUIDs) must be mapped; any other id was chosen by the client and is kept.</summary>
    public static bool IsGenerated(string id) => GeneratedId().IsMatch(id);

    /// <summary>A copy of a simulator message with every id it knows replaced by the trace's id.</summary>
    public JsonObject ToTraceIds(JsonObject message) => (JsonObject)Rewrite(message, ToTraceValue)!;

    /// <summary>A copy of a trace message (e.g. a request body) with the trace's ids replaced by the simulator's where known.</summary>
    public JsonNode? ToSimIds(JsonNode? message) => Rewrite(message, v => MapValue(v, id => ToSim(id) ?? id));

    string ToTraceValue(string value) => MapValue(value, ToTrace);

    static string MapValue(string value, Func<string, string> map)
    {
        var colon = value.IndexOf(':');
        if (colon > 0 && value[..colon] is "channel" or "bridge" or "recording" or "playback")
            return value[..(colon + 1)] + map(value[(colon + 1)..]);
        return map(value);
    }

    static JsonNode? Rewrite(JsonNode? node, Func<string, string> map) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Rewrite(p.Value, map)))),
        JsonArray a => new JsonArray(a.Select(x => Rewrite(x, map)).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(map(s)),
        _ => node?.DeepClone(),
    };

    [GeneratedRegex(@"^(?<prefix>[A-Za-z]+/.+-[0-9a-f]{8})(?<leg>;\d)$")]
    private static partial Regex LocalName();

    [GeneratedRegex(@"^(\d{9,}\.\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")]
    private static partial Regex GeneratedId();
}
