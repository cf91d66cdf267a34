using System.Text;

namespace Ivr.Tests.Conformance.Mapping;

/// <summary>Rewrites a trace's request path (`/ari/channels/1795365481.1/play?media=...`) into the simulator's ids.</summary>
public static class RequestPath
{
    /// <summary>
    /// The path with every id mapped, and the generated trace ids that have no simulator counterpart yet
    /// (the caller waits for the events that reveal them, or gives up with a clear message).
    /// </summary>
    public static (string Path, IReadOnlyList<string> Unmapped) Rewrite(string tracePath, Func<string, string?> toSim)
    {
        var unmapped = new List<string>();
        string Map(string id)
        {
            var bare = id.Contains(':') ? id[(id.IndexOf(':') + 1)..] : id;
            if (!IdMap.IsGenerated(bare)) return id;
            var sim = toSim(bare);
            if (sim is null) { unmapped.Add(bare); return id; }
            return id[..^bare.Length] + sim;
        }

        var question = tracePath.IndexOf('?');
        var path = question < 0 ? tracePath : tracePath[..question];
        var result = new StringBuilder(string.Join('/', path.Split('/').Select(s => Uri.EscapeDataString(Map(Uri.UnescapeDataString(s))).Replace("%3A", ":"))));
        if (question >= 0)
        {
            var pairs = tracePath[(question + 1)..].Split('&').Select(pair =>
            {
                var eq = pair.IndexOf('=');
                if (eq < 0) return pair;
                var value = Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
                var mapped = string.Join(',', value.Split(',').Select(Map));
                return mapped == value ? pair : pair[..(eq + 1)] + Uri.EscapeDataString(mapped);
            });
            result.Append('?').Append(string.Join('&', pairs));
        }
        return (result.ToString(), unmapped);
    }
}
