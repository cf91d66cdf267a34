using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>
/// The steps of one scenario in time order, with every step marker resolved through the note→action table
/// and every socket happening turned into a step (inbound connects, outbound sends) or an expectation
/// (a close Asterisk made, an outbound connection Asterisk opened). Built before anything runs, so a trace
/// the harness cannot replay fails with its file and line before the simulator starts.
/// </summary>
public sealed record ReplayPlan(
    TraceScenario Scenario,
    IReadOnlyList<PlanStep> Steps,
    IReadOnlyList<string> InitialSockets,
    IReadOnlyList<SocketExpectation> Sockets,
    IReadOnlyDictionary<string, string> OutboundFamilyOfPath)
{
    /// <summary>Attempts to connect further apart than this are separate steps, not one retry loop.</summary>
    static readonly TimeSpan RetryGap = TimeSpan.FromSeconds(1);

    public bool NeedsOutboundServer => OutboundFamilyOfPath.Count > 0;

    public static string DefaultEventsUrl(string app) => $"/ari/events?app={app}&api_key=ivr:ivr&subscribeAll=false";

    public static ReplayPlan Build(TraceScenario trace)
    {
        var file = trace.RestFile;
        var steps = new List<PlanStep>();
        var outboundFamilies = trace.Sockets.Where(s => s.Kind == "connection" && s.Url is not null)
            .GroupBy(s => s.Url!.Split('?')[0]).ToDictionary(g => g.Key, g => g.First().Family);
        var outbound = outboundFamilies.Values.ToHashSet();
        var clientLabels = trace.Sockets.Where(s => s.Socket != "server" && !outbound.Contains(s.Family)).GroupBy(s => s.Socket)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Line).ToList());

        // REST lines, with runs of polls folded into one step.
        var rest = trace.Rest.ToList();
        for (var i = 0; i < rest.Count; i++)
        {
            var how = NoteActions.ResolveRequest(rest[i], file);
            if (how != RequestNote.Poll) { steps.Add(new RestStep(rest[i], how)); continue; }
            var run = new List<RestExchange> { rest[i] };
            while (i + 1 < rest.Count && NoteActions.ResolveRequest(rest[i + 1], file) == RequestNote.Poll && SameRequest(rest[i + 1], rest[i]) && SamePhase(rest[i + 1], rest[i]))
                run.Add(rest[++i]);
            steps.Add(new PollStep(run));
        }

        // Inbound sockets: the lowest label of each app that did not connect in this trace was already open.
        var initial = new List<string>();
        var attempts = new List<(string Label, DateTimeOffset At, string Url, string Outcome)>();
        foreach (var family in clientLabels.Keys.GroupBy(SocketLabel.Family))
        {
            foreach (var label in family.OrderBy(Number))
            {
                var happenings = clientLabels[label];
                var upgrade = happenings.FirstOrDefault(h => h.Kind == "upgrade");
                if (upgrade is not null)
                    attempts.Add((label, upgrade.At - TimeSpan.FromMilliseconds(happenings.FirstOrDefault(h => h.Kind == "open")?.Json["ms"]?.GetValue<int>() ?? 0), upgrade.Url!, "open"));
                else if (initial.All(l => SocketLabel.Family(l) != family.Key) && !happenings.Any(h => h.Kind == "unexpected-response"))
                    initial.Add(label);
                else
                {
                    var status = happenings.FirstOrDefault(h => h.Kind == "unexpected-response")?.Json["status"];
                    attempts.Add((label, happenings[0].At, DefaultEventsUrl(family.Key), status is null ? "failed" : $"HTTP {status}"));
                }
            }
        }
        if (trace.Sockets.Count == 0)
            initial.AddRange(trace.Events.Select(e => SocketLabel.Family(e.Socket)).Union(["ivr", "caller"]).Distinct().Order().Select(SocketLabel.First));
        foreach (var family in attempts.GroupBy(a => SocketLabel.Family(a.Label)))
        {
            var ordered = family.OrderBy(a => a.At).ToList();
            for (var i = 0; i < ordered.Count;)
            {
                var group = new List<(string Label, DateTimeOffset At, string Url, string Outcome)> { ordered[i++] };
                while (group[^1].Outcome != "open" && i < ordered.Count && ordered[i].At - group[^1].At <= RetryGap) group.Add(ordered[i++]);
                var every = group.Count > 1 ? (group[^1].At - group[0].At) / (group.Count - 1) : TimeSpan.Zero;
                steps.Add(new ConnectStep(group[0].At, family.Key, group[^1].Url, group.Select(g => g.Label).ToList(), group.Select(g => g.Outcome).ToList(), every));
            }
        }

        foreach (var note in trace.Notes)
        {
            var action = NoteActions.Resolve(note, file);
            steps.Add(new NoteStep(note, action, Target(trace, action, note, outboundFamilies)));
        }
        steps.AddRange(trace.Sockets.Where(s => s.Kind == "sent").Select(s => new OutboundSendStep(s)));

        var timeline = steps.OrderBy(s => s.At).ThenBy(Order).ToList();
        return new ReplayPlan(trace, timeline, initial, Expectations(trace, timeline, clientLabels.Keys, outbound), outboundFamilies);
    }

    static IReadOnlyList<SocketExpectation> Expectations(TraceScenario trace, List<PlanStep> steps, IEnumerable<string> clientLabels, HashSet<string> outbound)
    {
        var ours = steps.OfType<NoteStep>().Where(n => n.Target is not null).Select(n => (n.Target!, n.At)).ToList();
        var failedAttempts = steps.OfType<ConnectStep>().SelectMany(c => c.Labels.Zip(c.Outcomes)).Where(p => p.Second != "open").Select(p => p.First).ToHashSet();
        SocketExpectation Expect(string label, bool isOutbound)
        {
            var close = trace.Sockets.FirstOrDefault(s => s.Socket == label && s.Kind == "close");
            var byUs = close is not null && ours.Any(o => o.Item1 == label && o.At <= close.At);
            var connection = trace.Sockets.FirstOrDefault(s => s.Socket == label && s.Kind == "connection");
            return new SocketExpectation(label, isOutbound, byUs ? null : close?.Code, close?.Line ?? connection?.Line, connection?.Json);
        }
        return clientLabels.Where(l => !failedAttempts.Contains(l)).Select(l => Expect(l, false))
            .Concat(trace.Sockets.Where(s => s.Kind == "connection").Select(s => s.Socket).Distinct().Select(l => Expect(l, true)))
            .ToList();
    }

    /// <summary>The socket an action applies to, found from the trace as it stood at the note's time.</summary>
    static string? Target(TraceScenario trace, NoteAction action, StepNote note, Dictionary<string, string> outboundFamilies)
    {
        switch (action.Kind)
        {
            case NoteActionKind.AbortSocket or NoteActionKind.CloseSocket:
                return action.Argument;
            case NoteActionKind.CloseAppSocket:
                return trace.Sockets.LastOrDefault(s => s.Kind == "upgrade" && s.Family == action.Argument && s.At <= note.At)?.Socket
                    ?? throw new InvalidOperationException($"{trace.RestFile}:{note.Line}: no inbound socket of app {action.Argument} was opened before this note");
            case NoteActionKind.ServerClosePersistent or NoteActionKind.ServerTerminatePersistent:
                var persistent = outboundFamilies.Where(f => ReferenceOutbound.IsPersistentPath(f.Key)).Select(f => f.Value).FirstOrDefault()
                    ?? throw new InvalidOperationException($"{trace.RestFile}:{note.Line}: the trace has no persistent outbound connection for this note to act on");
                return trace.Sockets.LastOrDefault(s => s.Kind == "connection" && s.Family == persistent && s.At <= note.At)?.Socket
                    ?? throw new InvalidOperationException($"{trace.RestFile}:{note.Line}: no {persistent} connection was open before this note");
            default:
                return null;
        }
    }

    static int Order(PlanStep s) => s switch
    {
        RestStep r => r.Exchange.Line,
        PollStep p => p.Polls[0].Line,
        NoteStep n => n.Note.Line,
        _ => int.MaxValue,
    };

    static bool SameRequest(RestExchange a, RestExchange b) => a.Method == b.Method && a.Path == b.Path;

    static bool SamePhase(RestExchange a, RestExchange b) => a.Note?.Split(',')[0] == b.Note?.Split(',')[0];

    static int Number(string label) => int.TryParse(label[(label.LastIndexOf('#') + 1)..], out var n) ? n : 0;

}
