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
        else if (key == menu.BackKey && !_s.MenuHistory.IsEmpty)
        {
            var previous = _s.MenuHistory.Peek();
            _s = _s with { MenuHistory = _s.MenuHistory.Pop() };
            Enter(previous);
        }
        else if (key == menu.RepeatKey || key == menu.BackKey) AskKeys(menu.Prompt, []);
        else Retry(menu.Invalid);
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
        var check = c.Validator is null ? DigitCheck.Ok(digits) : DigitValidators.Exists(c.Validator.Name)
            ? DigitValidators.Check(c.Validator.Name, digits, _s.Today)
            : DigitCheck.Ok(digits);
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
                if (!overall || Current is CollectNode) Retry(NoInputOf(Current));
                break;
        }
    }

    static IReadOnlyList<PlayItem> NoInputOf(MenuNode node) => node switch
    {
        ChoiceNode m => m.NoInput,
        CollectNode c => c.NoInput,
        SurveyNode s => s.NoInput,
        _ => [],
    };

    /// <summary>A failed attempt: the feedback and the prompt again, or on-fail when the tries are used up.</summary>
    void Retry(IReadOnlyList<PlayItem> feedback)
    {
        CancelTimers();
        var (limit, onFail) = Current switch
        {
            ChoiceNode m => (m.Tries, m.OnFail?.Id),
            CollectNode c => (c.Tries, c.OnFail?.Id),
            SurveyNode s => (s.Tries, s.Next.Id),
            _ => (1, null),
        };
        var tries = _s.Tries + 1;
        if (tries >= limit)
        {
            if (onFail is null) End("out of tries");
            else Enter(onFail);
            return;
        }
        _s = _s with { Tries = tries };
        Reask(Current, feedback);
    }

    void Reask(MenuNode node, IReadOnlyList<PlayItem> feedback)
    {
        _s = _s with { Digits = "" };
        switch (node)
        {
            case ChoiceNode m: AskKeys(m.Prompt, feedback); break;
            case CollectNode c: StartOverall(c); AskKeys(c.Prompt, feedback); break;
            case SurveyNode s: AskKeys(s.Prompt, feedback); break;
        }
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
