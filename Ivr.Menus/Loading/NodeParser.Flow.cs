using Ivr.Menus.Diagnostics;
using Ivr.Menus.Model;
using Ivr.Menus.Yaml;

namespace Ivr.Menus.Loading;

/// <summary>Readers of the nodes that run without the caller: action, queue, branch, set, language, sms.</summary>
public sealed partial class NodeParser
{
    static readonly Dictionary<string, Comparison> Operators = new(StringComparer.Ordinal)
    {
        ["equals"] = Comparison.Equals, ["not-equals"] = Comparison.NotEquals, ["in"] = Comparison.In,
        ["less"] = Comparison.Less, ["greater"] = Comparison.Greater, ["set"] = Comparison.Set, ["unset"] = Comparison.Unset,
    };

    ActionNode Action(Fields f) => new()
    {
        Action = NameOf(f, "action"),
        Arguments = [.. Pairs(f, "args").Select(p => new ActionArgument(p.Key.At, p.Key.Value, Value.Parse(p.Value.At, p.Value.Value)))],
        Results = [.. Pairs(f, "results").Select(p => new ResultBranch(p.Key.At, p.Key.Value, new NodeRef(p.Value.Value, p.Value.At)))],
        Else = f.Ref("else"),
        Outputs = [.. Pairs(f, "outputs").Select(p => new OutputBinding(p.Key.At, p.Key.Value, p.Value.Value))],
    };

    QueueNode Queue(Fields f) => new()
    {
        Queue = NameOf(f, "queue"),
        Skill = f.Text("skill"),
        Priority = f.Int("priority", 0, 9) ?? 5,
        Next = f.Ref("next"),
        OnFail = f.Ref("on-fail") ?? defaults.OnFail,
    };

    SetNode Set(Fields f) => new()
    {
        Assignments = [.. Pairs(f, "set").Select(p => new Assignment(p.Key.At, p.Key.Value, Value.Parse(p.Value.At, p.Value.Value)))],
        Next = Next(f),
    };

    LanguageNode Language(Fields f)
    {
        var language = f.Scalar("language", required: true);
        if (language is not null && !defaults.Languages.Contains(language.Value))
            diagnostics.Error(language.At, $"{f.Owner}: language '{language.Value}' is not one of the menu languages", Suggestions.Hint(language.Value, [.. defaults.Languages]));
        return new LanguageNode { Language = language?.Value ?? "", Next = Next(f) };
    }

    SmsNode Sms(Fields f) => new()
    {
        Template = NameOf(f, "template"),
        To = ValueOf(f, "to", "$caller"),
        Parameters = [.. Pairs(f, "params").Select(p => new SmsParameter(p.Key.At, p.Key.Value, Value.Parse(p.Value.At, p.Value.Value)))],
        Next = Next(f),
    };

    BranchNode Branch(Fields f)
    {
        var cases = new List<BranchCase>();
        foreach (var item in f.Sequence("cases", required: true)?.Items ?? [])
        {
            if (item is not YMapping map)
            {
                diagnostics.Error(item.At, $"{f.Owner}: each case must be a mapping, found {item.KindName}", "write '- {open: seat-hours, goto: node}'");
                continue;
            }
            var c = new Fields(map, $"{f.Owner} case", diagnostics);
            var condition = Condition(c);
            var target = c.Ref("goto", required: true);
            c.ReportUnknown();
            if (condition is not null && target is not null) cases.Add(new BranchCase(map.At, condition, target));
        }
        return new BranchNode { Cases = cases, Else = Ref(f, "else") };
    }

    Condition? Condition(Fields c)
    {
        var open = c.Name("open");
        var closed = c.Name("closed");
        var language = c.Scalar("language");
        var variable = c.Scalar("var");
        var ops = Operators.Select(o => (o.Value, Node: c.Node(o.Key))).Where(o => o.Node is not null).ToList();
        var given = new object?[] { open, closed, language, variable }.Count(x => x is not null);
        if (given != 1)
        {
            c.Diagnostics.Error(c.Map.At, $"{c.Owner} must test exactly one of 'open', 'closed', 'language' or 'var'", "split it into one case per test");
            return null;
        }
        if (open is not null) return new HoursCondition(c.Map.At, open, true);
        if (closed is not null) return new HoursCondition(c.Map.At, closed, false);
        if (language is not null) return new LanguageCondition(language.At, language.Value);
        if (ops.Count != 1)
        {
            c.Diagnostics.Error(variable!.At, $"{c.Owner}: 'var' needs exactly one comparison", $"add one of: {string.Join(", ", Operators.Keys)}");
            return null;
        }
        var values = ops[0].Node switch
        {
            YSequence s => s.Items.Select(i => c.AsScalar(i, "in")).OfType<YScalar>().Select(v => Value.Parse(v.At, v.Value)).ToList(),
            YScalar v => [Value.Parse(v.At, v.Value)],
            var other => [],
        };
        return new VariableCondition(variable!.At, variable.Value, ops[0].Value, values);
    }
}
