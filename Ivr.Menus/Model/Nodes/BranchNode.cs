using Ivr.Menus.Diagnostics;

namespace Ivr.Menus.Model;

/// <summary>A condition a branch tests, without any caller input.</summary>
public abstract record Condition(SourceLocation At);

/// <summary>True when the named working-day calendar says it is open (Open: true) or closed (Open: false).</summary>
public sealed record HoursCondition(SourceLocation At, NameRef Calendar, bool Open) : Condition(At);

/// <summary>Comparison operators on call variables.</summary>
public enum Comparison { Equals, NotEquals, In, Less, Greater, Set, Unset }

/// <summary>Compares a call variable with values (numbers compare as numbers).</summary>
public sealed record VariableCondition(SourceLocation At, string Variable, Comparison Op, IReadOnlyList<Value> Values) : Condition(At);

/// <summary>True when the call's language is this one.</summary>
public sealed record LanguageCondition(SourceLocation At, string Language) : Condition(At);

/// <summary>One case of a branch.</summary>
public sealed record BranchCase(SourceLocation At, Condition When, NodeRef Goto);

/// <summary>`type: branch`: the first case whose condition holds wins; otherwise Else.</summary>
public sealed record BranchNode : MenuNode
{
    public override string Type => "branch";
    public required IReadOnlyList<BranchCase> Cases { get; init; }
    public required NodeRef Else { get; init; }

    public override IEnumerable<Edge> Edges =>
        [.. Cases.Select((c, i) => new Edge(Label(c.When, i), c.Goto, false)), new Edge("else", Else, false)];

    public override IEnumerable<(HostNameKind, NameRef)> HostNames =>
        Cases.Select(c => c.When).OfType<HoursCondition>().Select(h => (HostNameKind.Calendar, h.Calendar));

    static string Label(Condition c, int index) => c switch
    {
        HoursCondition h => $"{h.Calendar.Name} {(h.Open ? "open" : "closed")}",
        LanguageCondition l => l.Language,
        VariableCondition v => $"{v.Variable} {v.Op.ToString().ToLowerInvariant()} {string.Join("|", v.Values)}",
        _ => $"case {index + 1}",
    };
}
