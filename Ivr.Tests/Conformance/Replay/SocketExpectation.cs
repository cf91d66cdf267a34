using System.Text.Json.Nodes;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>
/// What the trace says about one socket: whether it was (to be) open, whether Asterisk ended it and with which
/// code, and for an outbound socket the upgrade request Asterisk made.
/// </summary>
public sealed record SocketExpectation(string Label, bool Outbound, int? ClosedByAsteriskCode, int? Line, JsonObject? Connection);
