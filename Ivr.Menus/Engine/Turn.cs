using Ivr.Menus.Input;
using Ivr.Menus.Model;

namespace Ivr.Menus.Engine;

/// <summary>One engine step in progress: the state being built and the commands issued so far.</summary>
sealed partial class Turn(MenuSet set, IReadOnlyDictionary<string, Func<string, DateOnly, DigitCheck>> validators, CallState state)
{
    CallState _s = state;
    readonly List<CallCommand> _out = [];
    readonly List<string> _entered = [];

    public Step Result()
    {
        DrainTypeAhead();
        return new(_s, _out, _entered);
    }

    MenuNode Current => set.Node(_s.Node);

    public void On(CallEvent e)
    {
        switch (e)
        {
            case CallEvent.HungUp:
                CancelTimers();
                _s = _s with { Waiting = Waiting.Ended, Playback = null };
                break;
            case CallEvent.PromptFinished p when p.PlaybackId == _s.Playback:
                _s = _s with { Playback = null };
                PromptFinished();
                break;
            case CallEvent.TimerFired t when t.TimerId == _s.Timer || t.TimerId == _s.OverallTimer:
                var overall = t.TimerId == _s.OverallTimer;
                _s = overall ? _s with { OverallTimer = null } : _s with { Timer = null };
                TimerFired(overall);
                break;
            case CallEvent.Digit d:
                Key(d.Key);
                break;
            case CallEvent.Speech sp when _s.Waiting == Waiting.Keys && Current is ChoiceNode menu:
                var option = menu.Options.FirstOrDefault(o => o.Keywords.Any(k => sp.Text.Contains(k, StringComparison.OrdinalIgnoreCase)));
                if (option is not null) { Input(); StopPrompt(); Choose(menu, option.Goto.Id); }
                break;
            case CallEvent.ActionCompleted a when _s.Waiting == Waiting.Action:
                ActionCompleted((ActionNode)Current, a);
                break;
            case CallEvent.RecordingFinished r when _s.Waiting == Waiting.Recording:
                Input();
                var record = (RecordNode)Current;
                Store(record.Into, r.Recording, masked: false);
                Enter(record.Next.Id);
                break;
            case CallEvent.SeatFinished seat when _s.Waiting == Waiting.Seat:
                Input();
                var queue = (QueueNode)Current;
                if (seat.Talked && queue.Next is null) End("seat call finished");
                else Enter(seat.Talked ? queue.Next!.Id : queue.OnFail!.Id);
                break;
            // Anything else is stale (an old playback or timer) or does not apply in this state.
        }
    }

    void PromptFinished()
    {
        switch (_s.Waiting)
        {
            case Waiting.Playback:
                Enter(((PlayNode)Current).Next.Id);
                break;
            case Waiting.LastPrompt:
                End("hangup node");
                break;
            case Waiting.Recording when Current is RecordNode r:
                _out.Add(new CallCommand.Record(r.MaxLength, r.Beep, r.SilenceEnd));
                break;
            case Waiting.Keys or Waiting.Confirmation when _s.Timer is null && (_s.Digits.Length == 0 || _s.Waiting == Waiting.Confirmation):
                StartTimer(FirstTimeout());
                break;
        }
    }

    TimeSpan FirstTimeout() => Current is AskNode ask ? ask.Timeout : set.Defaults.Timeout;

    void Play(IEnumerable<PlayItem> items, Waiting waiting)
    {
        var spoken = items.Select(Speak).ToList();
        if (spoken.Count == 0)
        {
            _s = _s with { Waiting = waiting };
            PromptFinished();
            return;
        }
        var id = NextId("p");
        _s = _s with { Playback = id, Waiting = waiting };
        _out.Add(new CallCommand.Play(id, _s.Language, spoken));
    }

    Spoken Speak(PlayItem item) => item switch
    {
        PromptItem p => new Spoken.Prompt(p.Prompt.IdFor(_s.Language)),
        ValueItem v => new Spoken.Value(v.Kind, Resolve(v.Value)),
        _ => throw new InvalidOperationException($"unknown play item {item.GetType().Name}"),
    };

    void StopPrompt()
    {
        if (_s.Playback is null) return;
        _out.Add(new CallCommand.StopPlayback(_s.Playback));
        _s = _s with { Playback = null };
    }

    void StartTimer(TimeSpan after)
    {
        if (_s.Timer is not null) _out.Add(new CallCommand.CancelTimer(_s.Timer));
        var id = NextId("t");
        _s = _s with { Timer = id };
        _out.Add(new CallCommand.StartTimer(id, after));
    }

    void CancelTimers()
    {
        foreach (var id in new[] { _s.Timer, _s.OverallTimer }.OfType<string>()) _out.Add(new CallCommand.CancelTimer(id));
        _s = _s with { Timer = null, OverallTimer = null };
    }

    string NextId(string prefix)
    {
        _s = _s with { Sequence = _s.Sequence + 1 };
        return prefix + _s.Sequence;
    }

    /// <summary>The caller did something: loops that need no input start counting again.</summary>
    void Input() => _s = _s with { Visits = _s.Visits.Clear() };

    string Resolve(Value v) => v.Variable is null ? v.Literal! : _s.Variables.GetValueOrDefault(v.Variable, "");

    void Store(string variable, string value, bool masked) => _s = _s with
    {
        Variables = _s.Variables.SetItem(variable, value),
        Masked = masked ? _s.Masked.Add(variable) : _s.Masked.Remove(variable),
    };

    void End(string reason)
    {
        CancelTimers();
        _s = _s with { Waiting = Waiting.Ended, Playback = null };
        _out.Add(new CallCommand.Hangup(reason));
    }
}
