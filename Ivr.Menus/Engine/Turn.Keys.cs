using Ivr.Menus.Input;
using Ivr.Menus.Model;

namespace Ivr.Menus.Engine;

/// <summary>Keys, timeouts and retries of the nodes that wait for the caller.</summary>
sealed partial class Turn
{
    void Key(char key)
    {
        switch (_s.Waiting)
        {
            case Waiting.Playback:
                _s = _s with { TypeAhead = _s.TypeAhead + key };
                return;
            case Waiting.Keys:
                Input();
                StopPrompt();
                switch (Current)
                {
                    case ChoiceNode menu: MenuKey(menu, key.ToString()); break;
                    case CollectNode collect: CollectKey(collect, key); break;
                    case SurveyNode survey: SurveyKey(survey, key); break;
                }
                return;
            case Waiting.Confirmation:
                Input();
                StopPrompt();
                var c = (CollectNode)Current;
                if (key == '1') Enter(c.Next.Id);
                else if (key == '2') Reask(c, []);
                else Retry(c.Invalid);
                return;
            // Keys while an action runs, a seat talks, a recording runs or the goodbye plays are not menu input.
        }
    }

    void MenuKey(ChoiceNode menu, string key)
    {
        CancelTimers();
        var option = menu.Options.FirstOrDefault(o => o.Key == key);
        if (option is not null) Choose(menu, option.Goto.Id);
        else if (key == menu.SeatKey && menu.Seat is not null) Choose(menu, menu.Seat.Id);
        else if (key == menu.BackKey && Parent(menu.Id) is { } previous) Enter(previous);
        else if (key == menu.RepeatKey || key == menu.BackKey) AskKeys(menu.Prompt, []);
        else Retry(menu.Invalid);
    }

    /// <summary>The menu before this one; a menu re-entered after a play node is in the history more than once.</summary>
    string? Parent(string current)
    {
        var history = _s.MenuHistory;
        while (!history.IsEmpty && history.Peek() == current) history = history.Pop();
        if (history.IsEmpty) return null;
        _s = _s with { MenuHistory = history.Pop() };
        return history.Peek();
    }

    void Choose(ChoiceNode menu, string target)
    {
        _s = _s with { MenuHistory = _s.MenuHistory.Push(menu.Id) };
        Enter(target);
    }

    void CollectKey(CollectNode c, char key)
    {
        if (key == c.Terminator) { Finish(c); return; }
        _s = _s with { Digits = _s.Digits + key };
        if (_s.Digits.Length >= c.MaxLength) Finish(c);
        else StartTimer(c.InterDigitTimeout);
    }

    void Finish(CollectNode c)
    {
        CancelTimers();
        var digits = _s.Digits;
        if (digits.Length < c.MinLength) { Retry(c.Invalid); return; }
        var check = c.Validator is null ? DigitCheck.Ok(digits)
            : validators.TryGetValue(c.Validator.Name, out var hostCheck) ? hostCheck(digits, _s.Today)
            : DigitValidators.Check(c.Validator.Name, digits, _s.Today);
        if (check is not DigitCheck.Valid valid)
        {
            Store(c.Into + ".error", check is DigitCheck.Ambiguous ? "ambiguous" : "invalid", masked: false);
            Retry(c.Invalid);
            return;
        }
        Store(c.Into, valid.Value, c.Mask);
        foreach (var (k, v) in valid.Derived) Store($"{c.Into}.{k}", v, masked: false);
        if (!c.Confirm) { Enter(c.Next.Id); return; }
        var id = NextId("p");
        _s = _s with { Playback = id, Waiting = Waiting.Confirmation };
        _out.Add(new CallCommand.Play(id, _s.Language, [new Spoken.Value(c.ReadBack, valid.Value), .. c.ConfirmPrompt.Select(Speak)]));
    }

    void SurveyKey(SurveyNode s, char key)
    {
        CancelTimers();
        if (key is >= '1' and <= '9' && key - '0' <= s.Scale)
        {
            Store(s.Into, key.ToString(), masked: false);
            Enter(s.Next.Id);
        }
        else Retry(s.Invalid);
    }

    void TimerFired(bool overall)
    {
        switch (_s.Waiting)
        {
            case Waiting.Keys when Current is CollectNode c && _s.Digits.Length > 0:
                Finish(c);
                break;
            case Waiting.Keys or Waiting.Confirmation:
                if (!overall || Current is CollectNode) Retry(((AskNode)Current).NoInput);
                break;
        }
    }

    /// <summary>A failed attempt: the feedback and the prompt again, or on-fail when the tries are used up.</summary>
    void Retry(IReadOnlyList<PlayItem> feedback)
    {
        CancelTimers();
        var ask = (AskNode)Current;
        var onFail = ask switch
        {
            ChoiceNode m => m.OnFail?.Id,
            CollectNode c => c.OnFail?.Id,
            SurveyNode s => s.Next.Id,
            _ => null,
        };
        var tries = _s.Tries + 1;
        if (tries >= ask.Tries)
        {
            if (onFail is null) End("out of tries");
            else Enter(onFail);
            return;
        }
        _s = _s with { Tries = tries };
        Reask(ask, feedback);
    }

    void Reask(AskNode node, IReadOnlyList<PlayItem> feedback)
    {
        _s = _s with { Digits = "" };
        if (node is CollectNode c) StartOverall(c);
        AskKeys(node.Prompt, feedback);
    }

    void ActionCompleted(ActionNode node, CallEvent.ActionCompleted result)
    {
        foreach (var binding in node.Outputs)
            if (result.Outputs.TryGetValue(binding.Output, out var value)) Store(binding.Variable, value, masked: false);
        Store(node.Id + ".result", result.Code, masked: false);
        var target = node.Results.FirstOrDefault(r => r.Code == result.Code)?.Goto ?? node.Else;
        if (target is null) End($"action {node.Action.Name} returned undeclared result '{result.Code}'");
        else Enter(target.Id);
    }
}
