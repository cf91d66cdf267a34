using Ivr.Menus.Engine;
using Ivr.Menus.Model;

namespace Ivr.Service.Calls.Records;

/// <summary>Who and what a call is, known when it starts.</summary>
public sealed record CallTraceStart(
    string ChannelId, string Direction, string CallerNumber, string DialledNumber, string Entry, string? CampaignCallId, MenuSet Menus);

/// <summary>
/// The record of one call being built while it runs: fed every engine step by the call, and handed to the writer
/// when the call ends. Only memory work happens here, so recording never slows the call.
/// </summary>
public sealed class CallTrace(CallTraceStart start, TimeProvider time, Action<CallRecord> finished)
{
    readonly Lock _gate = new();
    readonly DateTimeOffset _startedAt = time.GetUtcNow();
    readonly long _startTimestamp = time.GetTimestamp();
    readonly List<PathStep> _path = [];
    readonly List<ActionStep> _actions = [];
    DateTimeOffset? _answeredAt;
    string _language = "";
    bool _queued;
    bool _endedByMenu;
    int? _cause;
    bool _done;

    public string ChannelId => start.ChannelId;

    /// <summary>One engine step: <paramref name="before"/> is null for the start.</summary>
    public void Observe(CallState? before, CallEvent e, Step step)
    {
        var at = (long)time.GetElapsedTime(_startTimestamp).TotalMilliseconds;
        lock (_gate)
        {
            if (_done) return;
            if (e is CallEvent.Started) _answeredAt = time.GetUtcNow();
            if (e is CallEvent.Digit d && before is not null) Key(before, d.Key);
            if (e is CallEvent.ActionCompleted completed && _actions.FindLastIndex(a => a.Result is null) is var pending and >= 0)
                _actions[pending] = _actions[pending] with { Result = completed.Code };
            foreach (var node in step.Entered) _path.Add(new PathStep(at, node));
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

    void Key(CallState before, char key)
    {
        var shown = KeyMasking.Masks(start.Menus, before) && char.IsAsciiDigit(key) ? '*' : key;
        var i = _path.FindLastIndex(p => p.Node == before.Node);
        if (i < 0)
        {
            _path.Add(new PathStep(0, before.Node, shown.ToString()));
            return;
        }
        _path[i] = _path[i] with { Keys = _path[i].Keys + shown };
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
            record = new CallRecord
            {
                Id = Guid.CreateVersion7(_startedAt), ChannelId = start.ChannelId, Direction = start.Direction,
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
