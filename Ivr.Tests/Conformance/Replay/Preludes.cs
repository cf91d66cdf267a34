using System.Text.RegularExpressions;
using Ivr.Tests.Conformance.Mapping;
using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>
/// Scenarios of the first batch ran one after another on the same call (`bridge-seat` continues the call of
/// `menu-dtmf`). A scenario that uses a channel it did not create needs the scenario that created it replayed
/// first; that one is found among all traces by the channels its responses name.
/// </summary>
public static partial class Preludes
{
    public static IReadOnlyList<TraceScenario> For(TraceScenario scenario, IReadOnlyList<TraceScenario> all)
    {
        var result = new List<TraceScenario>();
        foreach (var id in UsedChannels(scenario).Where(id => !Creates(scenario, id)))
        {
            var creator = all.FirstOrDefault(s => s.Name != scenario.Name && Creates(s, id))
                ?? throw new InvalidOperationException($"{scenario.RestFile}: channel {id} is used but no trace creates it (no originate response names it or its ;1 sibling)");
            foreach (var earlier in For(creator, all).Append(creator))
                if (!result.Contains(earlier)) result.Add(earlier);
        }
        return result;
    }

    /// <summary>Generated channel ids in request paths and query values.</summary>
    static IEnumerable<string> UsedChannels(TraceScenario s) =>
        s.Rest.SelectMany(r => GeneratedToken().Matches(r.Path).Select(m => m.Value)).Where(IdMap.IsGenerated).Distinct();

    static bool Creates(TraceScenario s, string id)
    {
        var created = s.Rest.Where(r => r.Method == "POST" && r.Body is System.Text.Json.Nodes.JsonObject)
            .Select(r => ((string?)r.Body!["id"], (string?)r.Body!["name"])).Where(c => c.Item1 is not null).ToList();
        if (created.Any(c => c.Item1 == id)) return true;
        // A ;2 leg is created with its ;1, whose name differs only in the leg number.
        var name = s.Events.Select(e => e.Json["channel"]).FirstOrDefault(c => (string?)c?["id"] == id)?["name"]?.GetValue<string>();
        return name is not null && created.Any(c => c.Item2 is not null && c.Item2[..^1] == name[..^1]);
    }

    [GeneratedRegex(@"[0-9]{9,}\.[0-9]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GeneratedToken();
}
