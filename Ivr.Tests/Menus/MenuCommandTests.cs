using Ivr.Service.Menus;

namespace Ivr.Tests.Menus;

/// <summary>`ivr menus …` as supervisors run it, from the repository root.</summary>
public class MenuCommandTests
{
    static (int Code, string Out, string Err) Ivr(string stdin, params string[] args)
    {
        var options = new List<string>(args) { "--prompts", Repository.PathOf("prompts", "catalog.yaml") };
        if (args[0] != "validate" || args.Length == 1) options.AddRange(["--menus", Repository.PathOf("menus")]);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = MenuCommands.Run([.. options], new StringReader(stdin), output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Validate_accepts_the_shipped_menus()
    {
        var (code, output, error) = Ivr("", "validate");
        Assert.True(code == 0, error);
        Assert.StartsWith("ok: 86 nodes in 3 file(s), 2 entries", output);
    }

    [Fact]
    public void Validate_prints_every_error_as_file_line_col_and_exits_1()
    {
        var dir = Directory.CreateTempSubdirectory("menus-");
        var file = Path.Combine(dir.FullName, "bad.yaml");
        File.WriteAllText(file, "entries: {\"12366\": main, \"campaign:filing-reminder\": main}\nnodes:\n  main:\n    type: menu\n    promt: main-menu\n    options: {1: nowhere}\n");
        var (code, _, error) = Ivr("", "validate", file);
        Assert.Equal(1, code);
        Assert.Contains($"{file}:5:5: error: node 'main': unknown key 'promt' (did you mean 'prompt'?)", error);
        Assert.Contains($"{file}:6:18: error: node 'main' (1) goes to 'nowhere', which is not a node", error);
        dir.Delete(recursive: true);
    }

    [Fact]
    public void Test_runs_the_shipped_menu_tests()
    {
        var (code, output, error) = Ivr("", "test");
        Assert.True(code == 0, output + error);
        Assert.Contains("0 failed; nodes covered 86/86; transitions not taken 0", output);
    }

    [Fact]
    public void Graph_writes_dot_with_coloured_nodes_and_key_labels_and_svg_through_graphviz()
    {
        var (code, dot, _) = Ivr("", "graph");
        Assert.Equal(0, code);
        Assert.Contains("\"main\" -> \"invoice-kind\" [label=\"1\"];", dot);
        Assert.Contains("\"invoice-verify\" -> \"invoice-match\" [label=\"match\", style=dashed];", dot);
        Assert.Contains("fillcolor=\"#8ecae6\"", dot);
        if (!File.Exists("/usr/bin/dot")) return;
        var svg = Path.Combine(Path.GetTempPath(), $"menus-{Guid.NewGuid():N}.svg");
        Assert.Equal(0, Ivr("", "graph", "--out", svg).Code);
        Assert.Contains("<svg", File.ReadAllText(svg));
        File.Delete(svg);
    }

    [Fact]
    public void Simulate_is_driven_from_stdin_with_canned_results()
    {
        var script = "1\n2\n254400000000123456781\n202403151\n1130#1\n2\n0\nseat talked\n4\n";
        var (code, output, error) = Ivr(script, "simulate", "--language", "en-US",
            "--result", "invoice.verify=voided", "--result", "survey.record=stored");
        Assert.True(code == 0, error);
        Assert.Contains("♪ [invoice-voided] This invoice has been voided.", output);
        Assert.Contains("⚙ invoice.verify(code=, number=25440000000012345678, date=20240315, check=1130.00)", output);
        Assert.Contains("☎ queue general, priority 5", output);
        Assert.Contains("⚙ survey.record(score=4)", output);
        Assert.EndsWith("call ended (hangup node)\n", output.ReplaceLineEndings("\n"));
    }
}
