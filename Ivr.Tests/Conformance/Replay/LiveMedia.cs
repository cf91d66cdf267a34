namespace Ivr.Tests.Conformance.Replay;

/// <summary>
/// Which recording or playback a trace request starts, and which one it controls. The simulator runs a recording's
/// or playback's clock from when the starting request took effect, so a control (stop, pause, DELETE) must keep the
/// trace's gap after that request, not after the scenario's start: a record sent late on a loaded machine and stopped
/// on the absolute clock would be cut short (record: `test3-stopped` came out 0 s instead of 1 s).
/// </summary>
public static class LiveMedia
{
    /// <summary>`recording:test1` for POST …/record?name=test1, `playback:pb-1` for POST …/play/pb-1 or …/play?playbackId=pb-1.</summary>
    public static string? Started(string method, string path)
    {
        if (method != "POST") return null;
        var (segments, query) = Split(path);
        if (segments is not ["channels" or "bridges", _, var verb, .. var rest]) return null;
        return verb switch
        {
            "record" when rest.Length == 0 && query.GetValueOrDefault("name") is { Length: > 0 } name => "recording:" + name,
            "play" when rest is [var id] => "playback:" + id,
            "play" when rest.Length == 0 && query.GetValueOrDefault("playbackId") is { Length: > 0 } id => "playback:" + id,
            _ => null,
        };
    }

    /// <summary>`recording:test1` for any request on /recordings/live/test1…, `playback:pb-1` for any on /playbacks/pb-1….</summary>
    public static string? Controlled(string path)
    {
        var (segments, _) = Split(path);
        return segments switch
        {
            ["recordings", "live", var name, ..] => "recording:" + name,
            ["playbacks", var id, ..] => "playback:" + id,
            _ => null,
        };
    }

    static (string[] Segments, Dictionary<string, string> Query) Split(string path)
    {
        var question = path.IndexOf('?');
        var bare = question < 0 ? path : path[..question];
        var segments = bare.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (segments is ["ari", ..]) segments = segments[1..];
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (question >= 0)
            foreach (var pair in path[(question + 1)..].Split('&'))
            {
                var eq = pair.IndexOf('=');
                if (eq > 0) query[pair[..eq]] = Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        return (segments, query);
    }
}
