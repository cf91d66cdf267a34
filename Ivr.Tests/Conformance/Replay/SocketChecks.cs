using Ivr.Tests.Conformance.Comparison;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>Compares how the replay's sockets ended, and the simulator's outbound connections, with the trace.</summary>
public static class SocketChecks
{
    public static IEnumerable<Mismatch> Compare(ReplayPlan plan, IReadOnlyDictionary<string, EventSocket> inbound, OutboundServer? server)
    {
        var scenario = plan.Scenario.Name;
        var file = Path.GetFileName(plan.Scenario.SocketsFile);
        foreach (var want in plan.Sockets)
        {
            var where = $"socket {want.Label}";
            var line = want.Line is { } n ? $" ({file}:{n})" : "";
            int? closed;
            if (want.Outbound)
            {
                var conn = server?.ByLabel(want.Label);
                if (conn is null)
                {
                    var made = server?.Connections.Count(c => Traces.SocketLabel.Family(c.Label) == Traces.SocketLabel.Family(want.Label)) ?? 0;
                    yield return new(scenario, where, $"Asterisk opened this outbound connection{line}; the simulator made only {made} of this kind");
                    continue;
                }
                var url = (string?)want.Connection?["url"];
                if (url is not null && url != conn.Url) yield return new(scenario, where, $"upgrade request for {url}{line}, the simulator asked for {conn.Url}");
                var headers = want.Connection?["headers"];
                foreach (var (header, got) in new[] { ("authorization", conn.Authorization), ("sec-websocket-protocol", conn.Protocol) })
                    if ((string?)headers?[header] is { } expected && expected != got)
                        yield return new(scenario, where, $"header {header}: expected {expected}{line}, got {got ?? "(none)"}");
                closed = conn.ClosedBySimulator;
            }
            else
            {
                if (!inbound.TryGetValue(want.Label, out var socket))
                {
                    yield return new(scenario, where, "the trace has this socket but the replay never opened it");
                    continue;
                }
                closed = socket.ClosedBySimulator;
            }
            if (want.ClosedByAsteriskCode is { } code && closed != code)
                yield return new(scenario, where, $"Asterisk closed it with code {code}{line}; the simulator {(closed is null ? "did not close it" : $"closed it with code {closed}")}");
            if (want.ClosedByAsteriskCode is null && closed is { } unexpected)
                yield return new(scenario, where, $"the simulator closed it with code {unexpected}, but in the trace Asterisk did not");
        }
        if (server is not null)
            foreach (var extra in server.Connections.Where(c => plan.Sockets.All(s => s.Label != c.Label)))
                yield return new(scenario, $"socket {extra.Label}", $"the simulator opened an outbound connection ({extra.Url}) that the trace does not have");
    }
}
