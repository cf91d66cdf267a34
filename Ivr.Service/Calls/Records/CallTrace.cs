using Ivr.Menus.Engine;
using Ivr.Menus.Model;

namespace Ivr.Service.Calls.Records;

/// <summary>Who and what a call is, known when it starts.</summary>
public sealed record CallTraceStart(
    string ChannelId, string Direction, string CallerNumber, string DialledNumber, string Entry, string? CampaignCallId, MenuSet Menus);

/// <summary>
/// The record of one call being built while it runs: fed every engine step by the call, and handed to the writer
/// when the call ends. Only memory work happens here, so recording never slows the call. A call taken over goes on
/// with the record of <paramref name="resumed"/> (see <see cref="Snapshot"/>).
/// </summary>
public sealed class CallTrace(CallTraceStart start, TimeProvider time, Action<CallRecord> finished, TraceSnapshot? resumed = null)
{
    readonly Lock _gate = new();
    readonly Guid _id = resumed?.Id ?? Guid.CreateVersion7(time.GetUtcNow());
    readonly DateTimeOffset _startedAt = resumed?.StartedAt ?? time.GetUtcNow();
    // Offsets of a resumed record go on from its start, which another process measured: the wall clock links the two.
    readonly long _startTimestamp = time.GetTimestamp() -
        (long)((resumed is null ? TimeSpan.Zero : time.GetUtcNow() - resumed.StartedAt).TotalSeconds * time.TimestampFrequency);
    readonly List<PathStep> _path = [.. resumed?.Path ?? []];
    readonly List<ActionStep> _actions = [.. resumed?.Actions ?? []];
    /// <summary>Keys pressed during a play node: the engine hands them to a later node, which decides their masking.</summary>
    readonly List<(int PathIndex, char Key)> _typeAhead = [.. (resumed?.TypeAhead ?? []).Select(t => (t.PathIndex, t.Key))];
    DateTimeOffset? _answeredAt = resumed?.AnsweredAt;
    string _language = resumed?.Language ?? "";
    bool _queued = resumed?.Queued ?? false;
    bool _endedByMenu = resumed?.EndedByMenu ?? false;
    int? _cause = resumed?.HangupCause;
    bool _done;

    /// <summary>What another instance needs to go on with this record (null once the record was handed to the writer).</summary>
    public TraceSnapshot? Snapshot()
    {
        lock (_gate)
            return _done ? null : new TraceSnapshot(_id, start.Direction, start.CallerNumber, start.DialledNumber, start.Entry,
                start.CampaignCallId, _startedAt, _answeredAt, _language, [.. _path], [.. _actions],
                [.. _typeAhead.Select(t => new TypedAhead(t.PathIndex, t.Key))], _queued, _endedByMenu, _cause);
    }

    public string ChannelId => start.ChannelId;

    /// <summary>One engine step: <paramref name="before"/> is null for the start.</summary>
    public void Observe(CallState? before, CallEvent e, Step step)
    {
        var at = (long)time.GetElapsedTime(_startTimestamp).TotalMilliseconds;
        lock (_gate)
        {
            if (_done) return;
            if (e is CallEvent.Started) _answeredAt ??= time.GetUtcNow();
            if (e is CallEvent.Digit d && before is not null)
            {
                if (before.Waiting == Waiting.Playback) _typeAhead.Add((PathIndex(before.Node), d.Key));
                else Append(PathIndex(before.Node), d.Key, KeyMasking.Masks(start.Menus, before));
            }
            if (e is CallEvent.ActionCompleted completed && _actions.FindLastIndex(a => a.Result is null) is var pending and >= 0)
                _actions[pending] = _actions[pending] with { Result = completed.Code };
            foreach (var node in step.Entered) _path.Add(new PathStep(at, node));
            DeliverTypeAhead(step);
            foreach (var command in step.Commands)
                switch (command)
                {
                    case CallCommand.InvokeAction a: _actions.Add(new ActionStep(at, a.Action, null)); break;
                    case CallCommand.EnterQueue: _queued = true; break;
                    case CallCommand.Hangup: _endedByMenu = true; break;
                }
            _language = step.State.Language;
        }
    }

    /// <summary>
    /// Type-ahead keys the engine used in this step are kept where they were pressed, masked when the step reached a
    /// masked node: which of them went into it cannot be told from outside, so all of them are hidden then.
    /// </summary>
    void DeliverTypeAhead(Step step)
    {
        if (_typeAhead.Count <= step.State.TypeAhead.Length) return;
        var masked = KeyMasking.MaskedNodes(start.Menus);
        var reachedMasked = step.Entered.Any(masked.Contains) || masked.Contains(step.State.Node);
        while (_typeAhead.Count > step.State.TypeAhead.Length)
        {
            Append(_typeAhead[0].PathIndex, _typeAhead[0].Key, reachedMasked);
            _typeAhead.RemoveAt(0);
        }
    }

    int PathIndex(string node)
    {
        var i = _path.FindLastIndex(p => p.Node == node);
        if (i >= 0) return i;
        _path.Add(new PathStep(0, node));
        return _path.Count - 1;
    }

    void Append(int pathIndex, char key, bool mask)
    {
        var shown = mask && char.IsAsciiDigit(key) ? '*' : key;
        _path[pathIndex] = _path[pathIndex] with { Keys = _path[pathIndex].Keys + shown };
    }

    /// <summary>The Q.850 cause of a hang-up request (soft requests are our own DELETEs and carry no cause).</summary>
    public void HangupCause(int cause)
    {
        lock (_gate) _cause ??= cause;
    }

    /// <summary>The call is over: its record goes to the writer (once, however often this is called).</summary>
    public void End()
    {
        CallRecord record;
        lock (_gate)
        {
            if (_done) return;
            _done = true;
            // Keys never handed to a node may have been the start of an invoice number: they are kept masked.
            foreach (var (index, key) in _typeAhead) Append(index, key, mask: true);
            record = new CallRecord
            {
                Id = _id, ChannelId = start.ChannelId, Direction = start.Direction,
                CallerNumber = start.CallerNumber, DialledNumber = start.DialledNumber, Entry = start.Entry,
                CampaignCallId = start.CampaignCallId, StartedAt = _startedAt, AnsweredAt = _answeredAt, EndedAt = time.GetUtcNow(),
                Language = _language, MenuRevision = start.Menus.Revision, Path = [.. _path], Actions = [.. _actions],
                Outcome = Outcome(), HangupCause = _cause ?? (_endedByMenu ? NormalClearing : null),
            };
        }
        finished(record);
    }

    const int NormalClearing = 16;

    string Outcome()
    {
        if (_queued) return CallOutcomes.Queued;
        if (_actions.Any(a => a.Result is { } r && r != "error")) return CallOutcomes.SelfServed;
        if (_actions.Any(a => a.Result == "error")) return CallOutcomes.Error;
        return CallOutcomes.Abandoned;
    }
}
