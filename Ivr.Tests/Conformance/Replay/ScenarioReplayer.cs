using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Ivr.Simulator;
using Ivr.Tests.Conformance.Comparison;
using Ivr.Tests.Conformance.Mapping;
using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>
/// Drives a simulator through one scenario's plan with the trace's timing (divided by <c>speed</c>), then
/// compares REST answers, events per socket and channel, and socket lifecycles with the trace.
/// </summary>
public sealed class ScenarioReplayer(ReplayPlan plan, IReadOnlyList<ReplayPlan> preludes, string dialplan, string sounds, double speed) : IAsyncDisposable
{
    /// <summary>How long a request may wait for the event that reveals the simulator's id for a trace id.</summary>
    static readonly TimeSpan IdWait = TimeSpan.FromSeconds(3);

    /// <summary>Events may trail the last step by up to this much more than the trace shows.</summary>
    static readonly TimeSpan Grace = TimeSpan.FromSeconds(1.5);

    readonly IdMap ids = new();
    readonly List<Mismatch> mismatches = [];
    readonly Dictionary<string, EventSocket> sockets = [];
    readonly RestSender rest = new("ivr", "ivr");
    AsteriskSimulator? sim;
    OutboundServer? server;
    Task? lifecycle;
    bool comparing;
    string scenario = plan.Scenario.Name;

    public async Task<IReadOnlyList<Mismatch>> RunAsync()
    {
        var log = Log;
        foreach (var prelude in preludes.Append(plan))
            foreach (var e in prelude.Scenario.Events)
                if (e.Json["channel"] is JsonObject c && (string?)c["id"] is { } id && (string?)c["name"] is { } name) ids.KnowTraceChannel(id, name);

        if (plan.NeedsOutboundServer)
            server = new OutboundServer(OutboundServer.FreePort(), plan.OutboundFamilyOfPath, log);
        else
        {
            sim = await AsteriskSimulator.StartAsync(Options([]));
            sim.RequestTaken += OnTaken;
        }

        foreach (var prelude in preludes)
        {
            await ExecuteAsync(prelude);
            // Its last events must not count as the scenario's own.
            await Task.Delay(Scaled(TrailingTime(prelude)) + Grace);
        }
        var mark = log.Mark;
        comparing = true;
        scenario = plan.Scenario.Name;
        await ExecuteAsync(plan);
        await Task.Delay(Scaled(TrailingTime(plan)) + Grace);

        var observed = log.After(mark).Select(m => new ObservedEvent(m.Socket, (int)m.Seq, ids.ToTraceIds(m.Json))).ToList();
        // A recording's duration is the whole seconds in which frames arrived, set by when each request took effect; the
        // replay's timing is good to a few hundred ms (its waits for the simulator's events included), so it cannot keep a
        // trace's 16.2 s of frames (holding-queue) from reading 15 or 17. Exact durations: Simulator/RecordingTests.
        Add(EventComparer.Compare(scenario, plan.Scenario.Events, observed, durationSlack: 1));
        Add(SocketChecks.Compare(plan, sockets, server));
        Add(ids.Conflicts.Select(c => new Mismatch(scenario, "ids", c)));
        lock (mismatches) return mismatches.ToList();
    }

    MessageLog Log => logInstance ??= new MessageLog(ids);
    MessageLog? logInstance;

    SimulatorOptions Options(IReadOnlyList<OutboundWebSocketConfig> outbound) =>
        new() { DialplanPath = dialplan, SoundsDirectory = sounds, Speed = speed, OutboundWebSockets = outbound };

    async Task ExecuteAsync(ReplayPlan current)
    {
        if (!comparing) scenario = current.Scenario.Name + " (prelude)";
        foreach (var label in current.InitialSockets.Where(l => !sockets.ContainsKey(l)))
            await OpenAsync(label, ReplayPlan.DefaultEventsUrl(SocketLabel.Family(label)), "open");
        if (current.Steps.Count == 0) return;

        var mark = Log.Mark;
        var t0 = current.Steps[0].At;
        var clock = Stopwatch.StartNew();
        var inflight = new List<(DateTimeOffset Received, Task Task)>();
        async Task Settle(DateTimeOffset until)
        {
            // The driver waited for an answer before the next step only when the answer came first.
            var done = inflight.Where(f => f.Received <= until).ToList();
            await Task.WhenAll(done.Select(f => f.Task));
            inflight.RemoveAll(done.Contains);
        }

        var mediaStarted = new Dictionary<string, (DateTimeOffset Trace, TimeSpan Real)>(StringComparer.Ordinal);
        foreach (var step in current.Steps)
        {
            var planned = Scaled(step.At - t0);
            if (step is RestStep { Exchange: var control } && LiveMedia.Controlled(control.Path) is { } controlled
                && mediaStarted.TryGetValue(controlled, out var start) && start.Real + Scaled(step.At - start.Trace) is var afterStart && afterStart > planned)
                planned = afterStart;
            var due = planned - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
            await Settle(step.At);
            // A socket the driver opened once (not a retry loop while Asterisk boots) comes after the events the trace shows
            // before it: ws-reconnect's ivr#4 opened 0.5 s after a call had failed to enter the app it would have served.
            if (step is RestStep or NoteStep or OutboundSendStep or ConnectStep { Labels.Count: 1 })
            {
                await CatchUpAsync(current, step.At, mark);
                await CatchUpClosesAsync(current, step.At);
            }
            switch (step)
            {
                case RestStep r:
                    // The driver sent side-by-side requests one after the other from one thread, and Asterisk took them
                    // in that order (dtmf-burst: play, then a variable set queued behind it). Parallel HTTP connections
                    // could overtake each other, so the next step waits until this request has taken effect (or answered).
                    var taken = Taken(r.Exchange.Line);
                    var sending = SendAsync(r.Exchange, r.How, r.Exchange.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    inflight.Add((r.Exchange.Received ?? DateTimeOffset.MaxValue, sending));
                    await Task.WhenAny(sending, taken);
                    if (LiveMedia.Started(r.Exchange.Method, r.Exchange.Path) is { } media) mediaStarted[media] = (r.At, clock.Elapsed);
                    break;
                case PollStep p:
                    // The driver polled while it went on (start.sh: ping every 100 ms and websocket retries every 200 ms).
                    inflight.Add((p.Polls[^1].Received ?? DateTimeOffset.MaxValue, PollAsync(p)));
                    break;
                case NoteStep n:
                    await ActAsync(n, current);
                    break;
                case ConnectStep c:
                    await ConnectAsync(c);
                    break;
                case OutboundSendStep s:
                    await SendOutboundAsync(s.Sent, current);
                    break;
            }
        }
        await Settle(DateTimeOffset.MaxValue);
    }

    /// <summary>
    /// The driver reacted to events (it sent GET on the ivr leg once StasisStart had come), so a step waits,
    /// briefly, until the simulator has sent the last event the trace shows before it. Without this, a few ms
    /// of timing difference would turn into a 409 that is not the simulator's fault.
    /// </summary>
    async Task CatchUpAsync(ReplayPlan current, DateTimeOffset at, long mark)
    {
        var before = current.Scenario.Events.Where(e => e.Timestamp < at && e.Timestamp > at - TimeSpan.FromSeconds(2)).ToList();
        if (before.Count == 0) return;
        var last = before.MaxBy(e => (e.Timestamp, e.Line))!;
        var key = (last.Socket, last.Type, EventKey.Of(last.Json));
        var needed = current.Scenario.Events.Count(e => e.Line <= last.Line && (e.Socket, e.Type, EventKey.Of(e.Json)) == key);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < catchUpLimit)
        {
            var seen = Log.After(mark).Count(m => m.Socket == key.Socket && (string?)m.Json["type"] == key.Type && EventKey.Of(ids.ToTraceIds(m.Json)) == key.Item3);
            if (seen >= needed)
            {
                // It was only late (a cold start on a loaded machine): later steps wait for it in full again, or a
                // step could go ahead of events the simulator is about to send (dtmf-burst's DELETE before the last digits).
                catchUpLimit = FullCatchUp;
                return;
            }
            await Task.Delay(10);
        }
        // The simulator lacks that event (the comparison will say so); waiting the full time at every later step would only slow the run.
        catchUpLimit = Scaled(TimeSpan.FromMilliseconds(300));
    }

    /// <summary>
    /// Likewise for an outbound connection that Asterisk closed just before the step (the driver sent GET /applications
    /// on seeing the per-call socket close): the step waits, briefly, until the simulator has closed it too.
    /// </summary>
    async Task CatchUpClosesAsync(ReplayPlan current, DateTimeOffset at)
    {
        if (server is not { } outbound) return;
        var closed = current.Scenario.Sockets
            .Where(s => s.Kind == "close" && s.At < at && s.At > at - TimeSpan.FromSeconds(2))
            .Select(s => outbound.ByLabel(s.Socket)).OfType<OutboundConnection>().ToList();
        var waited = Stopwatch.StartNew();
        while (closed.Any(c => c.IsOpen) && waited.Elapsed < catchUpLimit) await Task.Delay(10);
    }

    TimeSpan FullCatchUp => TimeSpan.FromSeconds(2) / speed;
    TimeSpan catchUpLimit = TimeSpan.FromSeconds(2) / speed;
    readonly HashSet<string> neverMapped = [];

    readonly Dictionary<string, TaskCompletionSource> taken = [];

    Task Taken(int line)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (taken) taken[line.ToString(System.Globalization.CultureInfo.InvariantCulture)] = tcs;
        return tcs.Task;
    }

    void OnTaken(string tag)
    {
        lock (taken)
            if (taken.Remove(tag, out var tcs)) tcs.TrySetResult();
    }

    async Task SendAsync(RestExchange want, RequestNote how, string? tag = null)
    {
        var where = $"REST line {want.Line} {want.Method} {want.Path}";
        var path = await MapAsync(want.Path, where);
        if (path is null) return;
        if (sim is null) { Add(new Mismatch(scenario, where, "the simulator is not running at this step")); return; }
        var got = await rest.SendAsync(new Uri(sim.AriUrl, "/"), want.Method, path, ids.ToSimIds(want.RequestBody), how != RequestNote.WithoutAuthorization, tag);
        if (got.Status == want.Status) ids.Learn(want.Body, got.Body);
        if (comparing) Add(RestComparer.Compare(scenario, want, got with { Body = got.Body is JsonObject o ? ids.ToTraceIds(o) : got.Body }));
    }

    /// <summary>The trace path in the simulator's ids; waits a little for ids that events are about to reveal.</summary>
    async Task<string?> MapAsync(string tracePath, string where)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var (path, unmapped) = RequestPath.Rewrite(tracePath, ids.ToSim);
            if (unmapped.Count == 0) return path;
            if (deadline.Elapsed > IdWait || unmapped.All(neverMapped.Contains))
            {
                lock (neverMapped) neverMapped.UnionWith(unmapped);
                Add(new Mismatch(scenario, where, $"trace id {string.Join(", ", unmapped)} has no simulator counterpart: no response or event of the simulator named it "
                    + "(the channel, bridge or playback it stands for never appeared), so the request was not sent"));
                return null;
            }
            await Task.Delay(20);
        }
    }

    async Task PollAsync(PollStep step)
    {
        var first = step.Polls[0];
        var where = $"REST lines {first.Line}–{step.Polls[^1].Line} polling {first.Method} {first.Path}";
        var want = Collapse(step.Polls.Select(p => OutcomeOf(p.Status, p.ContentType, p.ErrorCode)));
        var every = step.Polls.Count > 1 ? (step.Polls[^1].Sent - first.Sent) / (step.Polls.Count - 1) : TimeSpan.FromMilliseconds(100);
        var deadline = Stopwatch.StartNew();
        var limit = Scaled((step.Polls[^1].Sent - first.Sent) * 3) + TimeSpan.FromSeconds(3);
        var got = new List<string>();
        while (true)
        {
            var r = sim is null ? new RestResult(null, null, null, null, "no simulator") : await rest.SendAsync(new Uri(sim.AriUrl, "/"), first.Method, first.Path, null, true);
            got.Add(OutcomeOf(r.Status, r.ContentType, r.ErrorCode));
            if (got[^1] == want[^1] || deadline.Elapsed > limit) break;
            await Task.Delay(Scaled(every));
        }
        if (comparing && !want.SequenceEqual(Collapse(got)))
            Add(new Mismatch(scenario, where, $"Asterisk answered {string.Join(" → ", want)}; the simulator answered {string.Join(" → ", Collapse(got))}"));
    }

    static string OutcomeOf(int? status, string? contentType, string? error) =>
        status is null ? error ?? "no response" : $"{status} {contentType?.Split(';')[0].Trim() ?? "(no body)"}";

    static List<string> Collapse(IEnumerable<string> outcomes)
    {
        var result = new List<string>();
        foreach (var o in outcomes) if (result.Count == 0 || result[^1] != o) result.Add(o);
        return result;
    }

    async Task ActAsync(NoteStep step, ReplayPlan current)
    {
        var where = $"{Path.GetFileName(current.Scenario.RestFile)}:{step.Note.Line}";
        switch (step.Action.Kind)
        {
            case NoteActionKind.Describes:
                break;
            case NoteActionKind.AbortSocket:
                if (Socket(step.Target!, where) is { } aborted) aborted.Abort();
                break;
            case NoteActionKind.CloseSocket or NoteActionKind.CloseAppSocket:
                if (Socket(step.Target!, where) is { } closed) await closed.CloseAsync(WebSocketCloseStatus.NormalClosure);
                break;
            case NoteActionKind.BeginStop:
                lifecycle = Running(where).StopAsteriskAsync();
                break;
            case NoteActionKind.BeginStart:
                lifecycle = Running(where).StartAsteriskAsync();
                break;
            case NoteActionKind.AwaitLifecycle:
                if (lifecycle is not null && await Task.WhenAny(lifecycle, Task.Delay(TimeSpan.FromSeconds(20))) != lifecycle)
                    Add(new Mismatch(scenario, where, "stopping or starting the simulator took more than 20 s"));
                lifecycle = null;
                break;
            case NoteActionKind.StartWithOutboundConfig:
                if (server is null || sim is not null)
                    throw new InvalidOperationException($"{where}: this note starts Asterisk with the outbound websocket config, but the scenario's sockets file has no outbound connection");
                await server.StartAsync();
                sim = await AsteriskSimulator.StartAsync(Options(ReferenceOutbound.Config(server.Port)));
                sim.RequestTaken += OnTaken;
                break;
            case NoteActionKind.ServerClosePersistent:
                if (Outbound(step.Target!, where) is { } toClose) await toClose.CloseAsync(int.Parse(step.Action.Argument!, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case NoteActionKind.ServerTerminatePersistent:
                if (Outbound(step.Target!, where) is { } toDrop)
                    await server!.TerminateAndPauseAsync(toDrop, Scaled(TimeSpan.FromSeconds(int.Parse(step.Action.Argument!, System.Globalization.CultureInfo.InvariantCulture))));
                break;
        }
    }

    AsteriskSimulator Running(string where) => sim ?? throw new InvalidOperationException($"{where}: the simulator is not running");

    EventSocket? Socket(string label, string where)
    {
        if (sockets.TryGetValue(label, out var s) && s.Outcome == "open") return s;
        Add(new Mismatch(scenario, where, $"the trace acts on socket {label} here, but the replay has no open socket of that label"));
        return null;
    }

    OutboundConnection? Outbound(string label, string where)
    {
        if (server?.ByLabel(label) is { IsOpen: true } c) return c;
        Add(new Mismatch(scenario, where, $"the trace's server acts on outbound socket {label} here, but the simulator has no open connection of that label "
            + $"(connections so far: {string.Join(", ", server?.Connections.Select(x => $"{x.Label} {(x.IsOpen ? "open" : "closed")}") ?? [])})"));
        return null;
    }

    async Task ConnectAsync(ConnectStep step)
    {
        var where = $"socket {string.Join("/", step.Labels)}";
        if (step.Labels.Count == 1)
        {
            var s = await OpenAsync(step.Labels[0], step.Url, step.Outcomes[0]);
            if (comparing && !SameOutcome(step.Outcomes[0], s.Outcome))
                Add(new Mismatch(scenario, where, $"connecting {step.Url}: Asterisk gave {step.Outcomes[0]}, the simulator {s.Outcome}"));
            return;
        }
        // A retry loop while Asterisk starts: how many attempts fail depends on timing, what they return does not.
        var got = new List<string>();
        var deadline = Stopwatch.StartNew();
        var limit = Scaled(step.RetryEvery * step.Labels.Count * 3) + TimeSpan.FromSeconds(3);
        for (var attempt = 0; ; attempt++)
        {
            var label = attempt < step.Labels.Count - 1 ? step.Labels[attempt] : $"{step.Family}#retry{attempt + 1}";
            var s = await OpenAsync(label, step.Url, "any");
            if (s.Outcome == "open" && label != step.Labels[^1])
            {
                // The socket that finally connects carries the trace's label, so its events compare with the trace's.
                sockets.Remove(label);
                sockets[step.Labels[^1]] = s;
                s.Relabel(step.Labels[^1]);
            }
            got.Add(SameOutcome("failed", s.Outcome) && !s.Outcome.StartsWith("HTTP", StringComparison.Ordinal) ? "failed" : s.Outcome);
            if (s.Outcome == "open" || deadline.Elapsed > limit) break;
            await Task.Delay(Scaled(step.RetryEvery));
        }
        if (comparing && !Collapse(step.Outcomes).SequenceEqual(Collapse(got)))
            Add(new Mismatch(scenario, where, $"reconnecting {step.Url} every {step.RetryEvery.TotalMilliseconds:0} ms: Asterisk gave {string.Join(" → ", Collapse(step.Outcomes))}; "
                + $"the simulator {string.Join(" → ", Collapse(got))}"));
    }

    /// <summary>The trace's "failed" (a refused connect or a reset) matches any failure except an HTTP answer.</summary>
    static bool SameOutcome(string want, string got) =>
        want == got || (want == "failed" && got != "open" && !got.StartsWith("HTTP", StringComparison.Ordinal));

    async Task<EventSocket> OpenAsync(string label, string url, string expected)
    {
        var port = sim?.AriUrl.Port ?? 0;
        var s = await EventSocket.ConnectAsync(label, new Uri($"ws://127.0.0.1:{port}{url}"), Log, CancellationToken.None);
        if (sockets.Remove(label, out var old)) await old.DisposeAsync();
        sockets[label] = s;
        if (comparing && expected == "open" && s.Outcome != "open" && !plan.Steps.OfType<ConnectStep>().Any(c => c.Labels.Contains(label)))
            Add(new Mismatch(scenario, $"socket {label}", $"connecting {url} failed ({s.Outcome}); the trace had it open"));
        return s;
    }

    async Task SendOutboundAsync(SocketHappening sent, ReplayPlan current)
    {
        var where = $"{Path.GetFileName(current.Scenario.SocketsFile)}:{sent.Line}";
        if (Outbound(sent.Socket, where) is not { } conn) return;
        string text;
        if (sent.Json["message"] is JsonObject message)
        {
            var copy = (JsonObject)message.DeepClone();
            if ((string?)copy["uri"] is { } uri)
            {
                if (await MapAsync(uri, where) is not { } mapped) return;
                copy["uri"] = mapped;
            }
            text = copy.ToJsonString();
        }
        else text = (string?)sent.Json["raw"] ?? throw new FormatException($"{current.Scenario.SocketsFile}:{sent.Line}: a `sent` line needs `message` or `raw`");
        await conn.SendAsync(text);
    }

    /// <summary>How long after the last step the trace still shows messages or socket happenings.</summary>
    static TimeSpan TrailingTime(ReplayPlan plan)
    {
        if (plan.Steps.Count == 0) return TimeSpan.Zero;
        var last = plan.Scenario.Events.Select(e => e.Timestamp ?? DateTimeOffset.MinValue).Concat(plan.Scenario.Sockets.Select(s => s.At)).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var gap = last - plan.Steps[^1].At;
        return gap < TimeSpan.Zero ? TimeSpan.Zero : gap > TimeSpan.FromSeconds(10) ? TimeSpan.FromSeconds(10) : gap;
    }

    TimeSpan Scaled(TimeSpan t) => t / speed;

    void Add(Mismatch m)
    {
        lock (mismatches) mismatches.Add(m);
    }

    void Add(IEnumerable<Mismatch> ms)
    {
        lock (mismatches) mismatches.AddRange(ms);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in sockets.Values) await s.DisposeAsync();
        if (server is not null) await server.DisposeAsync();
        if (sim is not null) await sim.DisposeAsync();
        rest.Dispose();
    }
}
