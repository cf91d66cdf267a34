using System.Text.Json.Nodes;

namespace Ivr.Tests.Conformance.Traces;

/// <summary>One line of `&lt;scenario&gt;.sockets.jsonl`: an upgrade, open, close, error, outbound connection, sent or received message.</summary>
public sealed record SocketHappening(int Line, DateTimeOffset At, string Socket, string Kind, JsonObject Json)
{
    /// <summary>`ivr` for `ivr#3`, `ows` for `ows#1`.</summary>
    public string Family => SocketLabel.Family(Socket);

    public int? Code => (int?)Json["code"];
    public string? Url => (string?)Json["url"];
    public int? MessageLine => (int?)Json["line"];
}
