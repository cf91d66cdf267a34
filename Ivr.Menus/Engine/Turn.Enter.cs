using System.Globalization;
using Ivr.Menus.Model;

namespace Ivr.Menus.Engine;

/// <summary>Entering a node: the caps first, then what each node type does on arrival.</summary>
sealed partial class Turn
{
    public void Enter(string id)
    {
        StopPrompt();
        CancelTimers();
        var node = set.Node(id);
        _entered.Add(id);
        var visits = _s.Visits.GetValueOrDefault(id) + 1;
        _s = _s with { Node = id, Steps = _s.Steps + 1, Visits = _s.Visits.SetItem(id, visits), Tries = 0, Digits = "", Waiting = Waiting.Nothing };
        if (_s.Steps > set.Defaults.MaxSteps) { Capped(); return; }
        if (visits > (node.MaxVisits ?? set.Defaults.MaxVisits)) { Capped(); return; }
        switch (node)
        {
            case PlayNode play: Play(play.Items, Waiting.Playback); break;
            case ChoiceNode menu: AskKeys(menu.Prompt, []); break;
            case CollectNode collect: StartOverall(collect); AskKeys(collect.Prompt, []); break;
            case SurveyNode survey: AskKeys(survey.Prompt, []); break;
            case ActionNode action:
                _s = _s with { Waiting = Waiting.Action };
                _out.Add(new CallCommand.InvokeAction(action.Action.Name, action.Arguments.ToDictionary(a => a.Name, a => Resolve(a.Value))));
                break;
            case QueueNode queue:
                _s = _s with { Waiting = Waiting.Seat };
                _out.Add(new CallCommand.EnterQueue(queue.Queue.Name, queue.Skill, queue.Priority));
                break;
            case RecordNode record: Play(record.Prompt, Waiting.Recording); break;
            case BranchNode branch: Enter((branch.Cases.FirstOrDefault(c => Holds(c.When))?.Goto ?? branch.Else).Id); break;
            case SetNode setNode:
                foreach (var a in setNode.Assignments) Store(a.Variable, Resolve(a.Value), masked: false);
                Enter(setNode.Next.Id);
                break;
            case GotoNode go: Enter(go.Target.Id); break;
            case SubflowNode sub:
                _s = _s with { Returns = _s.Returns.Push(sub.Next.Id) };
                Enter(sub.Flow.Id);
                break;
            case ReturnNode when _s.Returns.IsEmpty: End("return outside a subflow"); break;
            case ReturnNode:
                var back = _s.Returns.Peek();
                _s = _s with { Returns = _s.Returns.Pop() };
                Enter(back);
                break;
            case LanguageNode lang:
                _s = _s with { Language = lang.Language };
                Store("language", lang.Language, masked: false);
                _out.Add(new CallCommand.SetLanguage(lang.Language));
                Enter(lang.Next.Id);
                break;
            case SmsNode sms:
                _out.Add(new CallCommand.SendSms(sms.Template.Name, Resolve(sms.To), sms.Parameters.ToDictionary(p => p.Name, p => Resolve(p.Value))));
                Enter(sms.Next.Id);
                break;
            case CallbackNode callback:
                _out.Add(new CallCommand.RegisterCallback(callback.Queue.Name, Resolve(callback.Number)));
                Enter(callback.Next.Id);
                break;
            case HangupNode hangup: Play(hangup.Prompt, Waiting.LastPrompt); break;
            default: throw new InvalidOperationException($"node type {node.Type} has no engine behaviour");
        }
    }

    /// <summary>A bad edit must not keep a caller forever: say the capped prompt and hang up.</summary>
    void Capped()
    {
        _s = _s with { Variables = _s.Variables.SetItem("ended-by", "cap") };
        Play(set.Defaults.Capped, Waiting.LastPrompt);
    }

    /// <summary>Plays the prompt and waits for keys, unless keys typed ahead during an earlier prompt already answer it.</summary>
    void AskKeys(IReadOnlyList<PlayItem> prompt, IReadOnlyList<PlayItem> feedback)
    {
        if (_s.TypeAhead.Length == 0)
        {
            Play([.. feedback, .. prompt], Waiting.Keys);
            return;
        }
        _s = _s with { Waiting = Waiting.Keys };
        var node = _s.Node;
        while (_s.TypeAhead.Length > 0 && _s.Waiting == Waiting.Keys && _s.Node == node)
        {
            var key = _s.TypeAhead[0];
            _s = _s with { TypeAhead = _s.TypeAhead[1..] };
            Key(key);
        }
    }

    void StartOverall(CollectNode collect)
    {
        var id = NextId("t");
        _s = _s with { OverallTimer = id };
        _out.Add(new CallCommand.StartTimer(id, collect.OverallTimeout));
    }

    bool Holds(Condition condition) => condition switch
    {
        HoursCondition h => _s.OpenCalendars.Contains(h.Calendar.Name) == h.Open,
        LanguageCondition l => _s.Language == l.Language,
        VariableCondition v => Compare(_s.Variables.GetValueOrDefault(v.Variable), v),
        _ => false,
    };

    bool Compare(string? actual, VariableCondition v)
    {
        var values = v.Values.Select(Resolve).ToList();
        return v.Op switch
        {
            Comparison.Set => !string.IsNullOrEmpty(actual),
            Comparison.Unset => string.IsNullOrEmpty(actual),
            Comparison.Equals => values.Count > 0 && actual == values[0],
            Comparison.NotEquals => values.Count > 0 && actual != values[0],
            Comparison.In => values.Contains(actual ?? ""),
            Comparison.Less => Number(actual) is { } a && values.Count > 0 && Number(values[0]) is { } b && a < b,
            Comparison.Greater => Number(actual) is { } a2 && values.Count > 0 && Number(values[0]) is { } b2 && a2 > b2,
            _ => false,
        };
    }

    static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
}
