using Ivr.Simulator;

namespace Ivr.Benchmarks.Calls;

/// <summary>
/// How long the service took to react to a key: from the simulator sending ChannelDtmfReceived to the simulator receiving
/// the next ARI request for that channel (loopback both ways included). A key that needs no request (a middle digit of
/// an entry) has none before the next key and is not counted.
/// </summary>
public static class ReactionTimes
{
    /// <summary>Milliseconds, one per key sent in [<paramref name="from"/>, <paramref name="until"/>) that was answered.</summary>
    public static List<double> Measure(IEnumerable<CallOutcome> calls, IReadOnlyList<RecordedRequest> requests, DateTimeOffset from,
        DateTimeOffset until)
    {
        var byChannel = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        foreach (var request in requests)
            if (ChannelOf(request.PathAndQuery) is { } channel)
            {
                if (!byChannel.TryGetValue(channel, out var times)) byChannel[channel] = times = [];
                times.Add(request.Time);
            }
        foreach (var times in byChannel.Values) times.Sort();
        var samples = new List<double>();
        foreach (var call in calls)
        {
            if (!byChannel.TryGetValue(call.ChannelId, out var times)) continue;
            for (var i = 0; i < call.Keys.Count; i++)
            {
                var key = call.Keys[i];
                if (key < from || key >= until) continue;
                var next = FirstAtOrAfter(times, key);
                if (next < times.Count && (i + 1 == call.Keys.Count || times[next] < call.Keys[i + 1]))
                    samples.Add((times[next] - key).TotalMilliseconds);
            }
        }
        return samples;
    }

    /// <summary>The channel a request acts on: <c>/ari/channels/{id}/…</c>, or <c>/ari/playbacks/{id}-…</c> as MenuCall names playbacks.</summary>
    public static string? ChannelOf(string pathAndQuery)
    {
        var path = pathAndQuery.AsSpan();
        if (path.IndexOf('?') is var q and >= 0) path = path[..q];
        var parts = path.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || parts[0] != "ari") return null;
        return parts[1] switch
        {
            "channels" => parts[2],
            "playbacks" when parts[2].IndexOf('-') is var dash and > 0 => parts[2][..dash],
            _ => null,
        };
    }

    static int FirstAtOrAfter(List<DateTimeOffset> sorted, DateTimeOffset t)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The value below which <paramref name="fraction"/> of the sorted samples lie (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
