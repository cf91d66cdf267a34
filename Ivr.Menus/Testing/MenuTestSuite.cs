using Ivr.Menus.Diagnostics;
using Ivr.Menus.Model;
using Ivr.Menus.Validation;

namespace Ivr.Menus.Testing;

/// <summary>All tests of a menu set and what they left uncovered: every node must be reached by some test.</summary>
public sealed record SuiteResult(IReadOnlyList<TestOutcome> Outcomes, IReadOnlyList<MenuNode> UncoveredNodes, IReadOnlyList<string> UncoveredTransitions)
{
    public bool Passed => Outcomes.All(o => o.Passed) && UncoveredNodes.Count == 0;
}

public static class MenuTestSuite
{
    /// <summary>Reads every *.yaml test file; problems in the files go to <paramref name="diagnostics"/>.</summary>
    public static IReadOnlyList<MenuTest> Load(IEnumerable<string> files, DiagnosticBag diagnostics) =>
        [.. files.SelectMany(f => MenuTestParser.Parse(f, File.ReadAllText(f), diagnostics))];

    public static SuiteResult Run(MenuSet set, HostCatalog host, IReadOnlyList<MenuTest> tests)
    {
        var runner = new MenuTestRunner(set, host);
        var outcomes = tests.Select(runner.Run).ToList();
        var nodes = outcomes.SelectMany(o => o.Nodes).ToHashSet();
        var transitions = outcomes.SelectMany(o => o.Transitions).ToHashSet();
        var uncovered = set.Nodes.Values.Where(n => !nodes.Contains(n.Id)).OrderBy(n => n.At.File).ThenBy(n => n.At.Line).ToList();
        // A subflow's return edge is taken from the flow's return node, not from the subflow node itself.
        var missing = set.Nodes.Values.OrderBy(n => n.At.File).ThenBy(n => n.At.Line)
            .SelectMany(n => n.Edges.Where(e => !(n is SubflowNode && e.Label == "return")).Select(e => (Node: n, Edge: e)))
            .Where(x => !transitions.Contains((x.Node.Id, x.Edge.Target.Id)))
            .Select(x => $"{x.Node.At}: {x.Node.Id} --{x.Edge.Label}--> {x.Edge.Target.Id}")
            .Distinct().ToList();
        return new SuiteResult(outcomes, uncovered, missing);
    }
}
