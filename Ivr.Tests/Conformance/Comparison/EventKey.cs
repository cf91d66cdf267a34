using System.Text.Json.Nodes;

namespace Ivr.Tests.Conformance.Comparison;

/// <summary>
/// What an event is about, for ordering: its channel (a playback or recording counts for the channel it
/// targets), else its bridge, else the socket itself. Order is compared per key only, because Asterisk
/// interleaves events of different channels by timing. A RESTResponse on an outbound socket is about its
/// request: answers to requests sent in the same millisecond may come in either order.
/// </summary>
public static class EventKey
{
    public const string Socket = "(socket)";

    public static string Of(JsonObject e)
    {
        if ((string?)e["channel"]?["id"] is { } channel) return channel;
        if ((string?)e["peer"]?["id"] is { } peer) return peer;
        if ((string?)(e["playback"] ?? e["recording"])?["target_uri"] is { } target) return TargetKey(target);
        if ((string?)e["bridge"]?["id"] is { } bridge) return "bridge:" + bridge;
        if ((string?)e["type"] == "RESTResponse") return "request:" + ((string?)e["request_id"] ?? "");
        return Socket;
    }

    static string TargetKey(string target) => target.StartsWith("channel:", StringComparison.Ordinal) ? target["channel:".Length..] : target;
}
