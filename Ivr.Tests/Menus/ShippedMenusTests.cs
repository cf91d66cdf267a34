using Ivr.Menus.Diagnostics;
using Ivr.Menus.Loading;
using Ivr.Menus.Testing;
using Ivr.Service.Menus;
using Ivr.Service.Speech;

namespace Ivr.Tests.Menus;

/// <summary>The 12366 menus as shipped: they load cleanly and their menu tests pass and cover every node and transition.</summary>
public class ShippedMenusTests
{
    static readonly Ivr.Menus.Validation.HostCatalog Host =
        HostRegistry.Catalog(PromptCatalog.Load(Repository.PathOf("prompts", "catalog.yaml")));

    static MenuLoadResult Load() => MenuLoader.LoadFiles([Repository.PathOf("menus")], Host);

    [Fact]
    public void The_12366_menus_load_without_errors_or_warnings()
    {
        var result = Load();
        Assert.True(result.Succeeded && result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics));
        Assert.Equal(["12366", "campaign:filing-reminder"], result.Set!.Entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Loading_the_same_files_twice_gives_the_same_revision_and_an_edit_changes_it()
    {
        var first = Load().Set!;
        Assert.Equal(first.Revision, Load().Set!.Revision);
        var sources = first.Files.Select(f => new MenuSource(f, File.ReadAllText(f))).ToList();
        sources[0] = sources[0] with { Text = sources[0].Text + "\n# edited\n" };
        Assert.NotEqual(first.Revision, MenuLoader.Load(sources, Host).Set!.Revision);
    }

    [Fact]
    public void The_12366_menu_tests_pass_and_cover_every_node_and_transition()
    {
        var diagnostics = new DiagnosticBag();
        var tests = MenuTestSuite.Load(Directory.GetFiles(Repository.PathOf("menus", "tests"), "*.yaml"), diagnostics);
        Assert.Empty(diagnostics.Items);
        var result = MenuTestSuite.Run(Load().Set!, Host, tests);
        Assert.All(result.Outcomes, o => Assert.True(o.Passed, o.Failure));
        Assert.Empty(result.UncoveredNodes.Select(n => n.Id));
        Assert.Empty(result.UncoveredTransitions);
    }

    [Fact]
    public void A_prompt_without_English_text_is_an_error_at_its_use()
    {
        var withoutEnglish = Host with
        {
            Prompts = Host.Prompts.ToDictionary(p => p.Key, p => p.Key == "seat-busy" ? new HashSet<string> { "zh-CN" } : p.Value),
        };
        var result = MenuLoader.LoadFiles([Repository.PathOf("menus")], withoutEnglish);
        var error = Assert.Single(result.Errors);
        Assert.EndsWith("seats.yaml:30:13: error: node 'seat-busy': prompt 'seat-busy' has no en-US version (add the text to prompts/catalog.yaml and run 'ivr prompts build')", error.ToString());
    }
}
