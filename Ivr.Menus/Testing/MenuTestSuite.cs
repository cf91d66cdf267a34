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
        var uncovered = set.Nodes.Values.Where(n => !nodes.Contains(n.Id)).OrderBy(n => n.At.File).ThenBy(n => n.At.Line).ToList();
        return new SuiteResult(outcomes, uncovered, NotTaken(set, outcomes));
    }

    /// <summary>Transitions (and retries of nodes that ask) none of <paramref name="outcomes"/> took, as "file:line: from --label--> to".</summary>
    public static IReadOnlyList<string> NotTaken(MenuSet set, IEnumerable<TestOutcome> outcomes) =>
        [.. NotTakenEdges(set, outcomes).Select(x => $"{x.Node.At}: {x.Edge}")];

    public static IEnumerable<(MenuNode Node, TakenEdge Edge)> NotTakenEdges(MenuSet set, IEnumerable<TestOutcome> outcomes)
    {
        var taken = outcomes.SelectMany(o => o.Taken).ToHashSet();
        return TakenEdge.All(set).Where(x => !taken.Contains(x.Edge));
    }
}
