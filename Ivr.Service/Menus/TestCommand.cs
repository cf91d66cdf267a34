using Ivr.Menus.Diagnostics;
using Ivr.Menus.Testing;

namespace Ivr.Service.Menus;

/// <summary>`ivr menus test`: runs menus/tests/*.yaml and fails when a test fails or a node is never reached.</summary>
public static class TestCommand
{
    public static int Run(MenuOptions options, TextWriter output, TextWriter error)
    {
        var testFiles = options.Paths.Count > 0 ? options.Paths
            : Directory.Exists(Path.Combine(options.Menus, "tests"))
                ? [.. Directory.EnumerateFiles(Path.Combine(options.Menus, "tests"), "*.yaml").Order(StringComparer.Ordinal)]
                : [];
        var workspace = MenuWorkspace.Load(options, error);
        if (workspace?.Set is not { } set) return 1;
        if (testFiles.Count == 0)
        {
            error.WriteLine($"no menu tests in {Path.Combine(options.Menus, "tests")}");
            return 1;
        }
        var diagnostics = new DiagnosticBag();
        var tests = MenuTestSuite.Load(testFiles, diagnostics);
        foreach (var d in diagnostics.Sorted()) error.WriteLine(d);
        if (diagnostics.HasErrors) return 1;

        var result = MenuTestSuite.Run(set, workspace.Host, tests);
        foreach (var o in result.Outcomes)
            output.WriteLine(o.Passed ? $"pass  {o.Test.Name}" : $"FAIL  {o.Test.Name}\n      {o.Failure}");
        foreach (var n in result.UncoveredNodes) error.WriteLine($"{n.At}: node '{n.Id}' is not reached by any menu test");
        output.WriteLine($"{result.Outcomes.Count(o => o.Passed)} passed, {result.Outcomes.Count(o => !o.Passed)} failed; " +
            $"nodes covered {set.Nodes.Count - result.UncoveredNodes.Count}/{set.Nodes.Count}; " +
            $"transitions not taken {result.UncoveredTransitions.Count}");
        foreach (var t in result.UncoveredTransitions) output.WriteLine($"  not taken: {t}");
        return result.Passed ? 0 : 1;
    }
}
