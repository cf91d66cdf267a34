using System.Text;
using Ivr.Ari.Json;
using Ivr.Ari.Models;
using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Ari.FakeAri;

/// <summary>
/// Events for tests, made from real Asterisk 22 messages of ../shared/ari-traces (the first of each type) with the
/// ids swapped, so that every field a test sends has the shape Asterisk gives it.
/// </summary>
public static class TraceSamples
{
    static readonly Lazy<Dictionary<string, Message>> First = new(Load);

    /// <summary>Every event line of every trace, raw, in file order.</summary>
    public static IEnumerable<string> AllEventLines() =>
        Directory.GetFiles(Servers.TracesDir(), "*.jsonl")
            .Where(f => !f.EndsWith(".rest.jsonl", StringComparison.Ordinal) && !f.EndsWith(".sockets.jsonl", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Where(l => l.Length > 0);

    static Dictionary<string, Message> Load()
    {
        var first = new Dictionary<string, Message>();
        foreach (var line in AllEventLines())
        {
            var m = AriMessageParser.Parse(Encoding.UTF8.GetBytes(line));
            first.TryAdd(m.Type, m);
        }
        return first;
    }

    static T Sample<T>() where T : Message => (T)First.Value[typeof(T).Name];

    public static Channel Channel(string id) => Sample<StasisStart>().Channel with { Id = id };

    public static ChannelDtmfReceived Dtmf(string channelId, string digit) =>
        Sample<ChannelDtmfReceived>() with { Channel = Channel(channelId), Digit = digit };

    public static StasisStart StasisStart(string channelId) => Sample<StasisStart>() with { Channel = Channel(channelId) };

    public static StasisEnd StasisEnd(string channelId) => Sample<StasisEnd>() with { Channel = Channel(channelId) };

    public static ChannelDestroyed ChannelDestroyed(string channelId, int cause, string causeText) =>
        Sample<ChannelDestroyed>() with { Channel = Channel(channelId), Cause = cause, CauseTxt = causeText };

    public static Dial Dial(string peerId, string status) => Sample<Dial>() with { Peer = Channel(peerId), Dialstatus = status };

    public static PlaybackStarted PlaybackStarted(string id, string targetUri) =>
        Sample<PlaybackStarted>() with { Playback = Sample<PlaybackStarted>().Playback with { Id = id, TargetUri = targetUri } };

    public static PlaybackFinished PlaybackFinished(string id, string targetUri, string state = "done") =>
        Sample<PlaybackFinished>() with { Playback = Sample<PlaybackFinished>().Playback with { Id = id, TargetUri = targetUri, State = state } };

    public static RecordingFinished RecordingFinished(string name, string targetUri, int duration) =>
        Sample<RecordingFinished>() with { Recording = Sample<RecordingFinished>().Recording with { Name = name, TargetUri = targetUri, Duration = duration } };

    public static ApplicationReplaced ApplicationReplaced() => new() { Type = "ApplicationReplaced", Application = "ivr", Timestamp = DateTimeOffset.UtcNow };

    /// <summary>A REST body as Asterisk writes it: the model serialised with the generated context.</summary>
    public static string Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        System.Text.Json.JsonSerializer.Serialize(value, info);
}
