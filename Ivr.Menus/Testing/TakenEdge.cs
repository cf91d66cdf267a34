using Ivr.Menus.Engine;
using Ivr.Menus.Model;

namespace Ivr.Menus.Testing;

/// <summary>
/// One transition a test call took, named as the menu's graph names it (<c>main --3--&gt; policy-menu</c>), or a retry of a
/// node that asks (<see cref="NoInput"/>, <see cref="Invalid"/>), which has no edge of its own but is a branch a caller takes.
/// </summary>
public sealed record TakenEdge(string From, string Label, string To)
{
    public const string NoInput = "no-input";
    public const string Invalid = "invalid";

    public override string ToString() => $"{From} --{Label}--> {To}";

    /// <summary>
    /// Which edge of <paramref name="from"/> led to <paramref name="to"/>. Several edges may share a target (the seat key and
    /// running out of tries both reach the seats; two results of an action may say the same): the event that caused the
    /// move, or the <paramref name="keys"/> of the step, tell them apart. Null when no edge leads there (the back key returns
    /// to the previous menu outside the graph).
    /// </summary>
    public static string? LabelOf(MenuNode? from, string to, CallEvent cause, string keys)
    {
        var labels = from?.Edges.Where(e => e.Target.Id == to).Select(e => e.Label).Distinct().ToList() ?? [];
        if (labels.Count <= 1) return labels.FirstOrDefault();
        return cause switch
        {
            CallEvent.Digit d when labels.Contains(d.Key.ToString()) => d.Key.ToString(),
            CallEvent.ActionCompleted a => labels.Contains(a.Code) ? a.Code : "else",
            CallEvent.TimerFired when labels.Contains("fail") => "fail",
            CallEvent.Speech when labels.FirstOrDefault(l => l != "fail") is { } option => option,
            _ when labels.FirstOrDefault(l => l.Length == 1 && keys.Contains(l, StringComparison.Ordinal)) is { } key => key,
            _ when labels.Contains("fail") => "fail",
            _ => labels[0],
        };
    }

    /// <summary>Every transition a complete set of tests should take in <paramref name="set"/>, with the node it is written at.</summary>
    public static IEnumerable<(MenuNode Node, TakenEdge Edge)> All(MenuSet set) =>
        set.Nodes.Values.OrderBy(n => n.At.File, StringComparer.Ordinal).ThenBy(n => n.At.Line).SelectMany(n =>
            // A subflow's return edge is taken from the flow's return node, not from the subflow node itself.
            n.Edges.Where(e => !(n is SubflowNode && e.Label == "return")).Select(e => (n, new TakenEdge(n.Id, e.Label, e.Target.Id)))
                .Concat(n is AskNode { Tries: > 1 } ? [(n, new TakenEdge(n.Id, NoInput, n.Id)), (n, new TakenEdge(n.Id, Invalid, n.Id))] : []))
            .Distinct();
}
