using Ivr.Menus.Diagnostics;
using Ivr.Menus.Testing;

namespace Ivr.Tests.Menus;

/// <summary>The supervisors' test format: failures name the step's line, and uncovered nodes are listed.</summary>
public class MenuTestRunnerTests
{
    static SuiteResult Run(string yaml, DiagnosticBag? diagnostics = null)
    {
        diagnostics ??= new DiagnosticBag();
        var tests = MenuTestParser.Parse("t.yaml", yaml, diagnostics);
        Assert.Empty(diagnostics.Items);
        return MenuTestSuite.Run(EngineMenu.Set, TestHost.Catalog, tests);
    }

    [Fact]
    public void Failing_step_names_its_line_what_was_heard_and_where_the_call_is()
    {
        var result = Run("tests:\n  - name: wrong\n    call: \"12366\"\n    steps:\n      - press: \"3\"\n      - expect: main-menu\n");
        var failure = Assert.Single(result.Outcomes).Failure;
        Assert.Equal("t.yaml:6:9: expected to hear 'main-menu', heard rate-us; the call is at node 'rate' waiting for keys", failure);
    }

    [Fact]
    public void Nodes_no_test_reaches_are_listed_and_fail_the_suite()
    {
        var result = Run("tests:\n  - {name: survey, call: \"12366\", steps: [press: \"3\", press: \"4\", hangup: menu]}\n");
        Assert.True(result.Outcomes.Single().Passed, result.Outcomes.Single().Failure);
        Assert.False(result.Passed);
        Assert.Contains("code", result.UncoveredNodes.Select(n => n.Id));
        Assert.DoesNotContain("rate", result.UncoveredNodes.Select(n => n.Id));
    }

    [Fact]
    public void Action_arguments_are_checked()
    {
        var result = Run("tests:\n  - {name: args, call: \"12366\", steps: [press: \"1\", press: \"4403191130#1\", {action: invoice.verify, args: {code: \"1\"}, returns: match}]}\n");
        Assert.Contains("action 'invoice.verify' got code='4403191130', expected '1'", result.Outcomes.Single().Failure);
    }

    [Fact]
    public void Test_file_mistakes_are_reported_with_positions()
    {
        var diagnostics = new DiagnosticBag();
        MenuTestParser.Parse("t.yaml", "tests:\n  - name: x\n    call: \"12366\"\n    steps:\n      - pres: \"1\"\n      - {seat: maybe}\n", diagnostics);
        Assert.Equal(["t.yaml:5:9: error: test 'x' step: unknown key 'pres' (did you mean 'press'?)",
            "t.yaml:6:9: error: test 'x' step: 'seat: maybe' is not allowed (write 'seat:' with talked or no-seat)"],
            diagnostics.Sorted().Select(d => d.ToString()));
    }
}
