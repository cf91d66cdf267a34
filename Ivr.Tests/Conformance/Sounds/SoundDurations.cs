using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance.Sounds;

/// <summary>
/// Derives each `sound:` medium's length from the traces: a PlaybackStarted to the next PlaybackContinuing or
/// PlaybackFinished of the same playback is one medium playing. A segment ended by a DELETE of the playback,
/// a hangup (`failed`) or a refused bridge announcer is only a lower bound.
/// </summary>
public static class SoundDurations
{
    /// <summary>A medium skipped faster than this did not play at all.</summary>
    static readonly TimeSpan Instant = TimeSpan.FromMilliseconds(20);

    public static IReadOnlyList<SoundLength> Derive(IEnumerable<TraceScenario> scenarios)
    {
        var exact = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        var bounds = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scenario in scenarios)
        {
            var stops = scenario.Rest.Where(r => r.Method == "DELETE" && r.Path.StartsWith("/ari/playbacks/", StringComparison.Ordinal))
                .ToLookup(r => r.Path["/ari/playbacks/".Length..], r => r.Sent);
            var playbackEvents = scenario.Events.Where(e => e.Type.StartsWith("Playback", StringComparison.Ordinal) && e.Json["playback"] is not null).ToList();
            // Every subscribed socket got a copy; one copy per playback is enough.
            foreach (var copy in playbackEvents.GroupBy(e => (string)e.Json["playback"]!["id"]!))
            {
                var socket = copy.First().Socket;
                var events = copy.Where(e => e.Socket == socket && e.Timestamp is not null).OrderBy(e => e.Line).ToList();
                for (var i = 0; i + 1 < events.Count; i++)
                {
                    var start = events[i];
                    var end = events[i + 1];
                    if (start.Type != "PlaybackStarted" || (string?)start.Json["playback"]!["media_uri"] is not { } uri || !uri.StartsWith("sound:", StringComparison.Ordinal)) continue;
                    var name = uri["sound:".Length..];
                    var length = end.Timestamp!.Value - start.Timestamp!.Value;
                    var onChannel = ((string?)start.Json["playback"]!["target_uri"])?.StartsWith("channel:", StringComparison.Ordinal) == true;
                    var stopped = stops[copy.Key].Any(t => t <= end.Timestamp.Value + TimeSpan.FromMilliseconds(5));
                    var failed = (string?)end.Json["playback"]!["state"] == "failed";
                    if (end.Type == "PlaybackContinuing" || (end.Type == "PlaybackFinished" && !failed && !stopped))
                    {
                        if (length < Instant && onChannel) skipped.Add(name);
                        else (exact.TryGetValue(name, out var list) ? list : exact[name] = []).Add(length);
                    }
                    else if (failed && length < Instant && onChannel) skipped.Add(name);
                    else bounds[name] = length > bounds.GetValueOrDefault(name) ? length : bounds.GetValueOrDefault(name);
                }
            }
        }

        return exact.Keys.Union(bounds.Keys).Union(skipped).Order(StringComparer.Ordinal).Select(name =>
            exact.TryGetValue(name, out var lengths)
                ? new SoundLength(name, lengths.Order().ElementAt(lengths.Count / 2), Exact: true, Missing: false)
                : bounds.TryGetValue(name, out var bound)
                    ? new SoundLength(name, bound, Exact: false, Missing: false)
                    : new SoundLength(name, TimeSpan.Zero, Exact: false, Missing: true)).ToList();
    }
}
