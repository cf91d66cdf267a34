using Ivr.Menus.Diagnostics;
using Ivr.Menus.Loading;
using Ivr.Menus.Model;
using Ivr.Menus.Testing;
using Ivr.Service.Menus;
using Ivr.Service.Speech;
using Ivr.Tests.Menus;

namespace Ivr.Tests.Calls.Branches;

/// <summary>
/// The supervisors' scenarios (menus/tests/*.yaml) with their run on the pure engine: what each step expects of the
/// call, and the engine's state after it, which the end-to-end runs compare the real service with.
/// </summary>
public static class Scenarios
{
    static readonly Lazy<(MenuSet Set, IReadOnlyList<TestOutcome> Outcomes)> Loaded = new(Load);

    public static MenuSet Set => Loaded.Value.Set;

    /// <summary>Every scenario with its engine run, in file order.</summary>
    public static IReadOnlyList<TestOutcome> All => Loaded.Value.Outcomes;

    public static TestOutcome Named(string name) =>
        All.SingleOrDefault(o => o.Test.Name == name) ?? throw new ArgumentException($"no scenario named '{name}' in menus/tests", nameof(name));

    /// <summary>
    /// Why the real service cannot play <paramref name="test"/> (null when it can): speech is only recognised by the
    /// engine (MenuCalls has no recogniser), a talking seat needs the seats router, a language the phone asks for is not
    /// read from the channel, and the reminder entry is only reached by the campaigns' outbound dial.
    /// </summary>
    public static string? NotPlayable(MenuTest test) =>
        test.Steps.FirstOrDefault(s => s is TestStep.Say) is { } say ? $"{say.At}: speech input"
        : test.Steps.FirstOrDefault(s => s is TestStep.Seat { Talked: true }) is { } seat ? $"{seat.At}: a seat that talks"
        : test.Language is not null ? $"{test.At}: the caller's language '{test.Language}' at the start"
        : !test.Entry.All(char.IsAsciiDigit) ? $"{test.At}: entry '{test.Entry}' is not a dialled number"
        : null;

    /// <summary>
    /// The scenarios of <paramref name="files"/> (all files when none) the real service plays, for a Theory: one case per
    /// scenario, named after it.
    /// </summary>
    public static TheoryData<string> Playable(params string[] files)
    {
        var data = new TheoryData<string>();
        foreach (var o in All.Where(o => NotPlayable(o.Test) is null && (files.Length == 0 || files.Contains(Path.GetFileName(o.Test.At.File)))))
            data.Add(o.Test.Name);
        return data;
    }

    static (MenuSet, IReadOnlyList<TestOutcome>) Load()
    {
        var host = HostRegistry.Catalog(PromptCatalog.Load(Repository.PathOf("prompts", "catalog.yaml")));
        var loaded = MenuLoader.LoadFiles([Repository.PathOf("menus")], host);
        var set = loaded.Set ?? throw new InvalidOperationException("menus do not load: " + string.Join(Environment.NewLine, loaded.Errors));
        var diagnostics = new DiagnosticBag();
        var tests = MenuTestSuite.Load(Directory.GetFiles(Repository.PathOf("menus", "tests"), "*.yaml").Order(StringComparer.Ordinal), diagnostics);
        if (diagnostics.HasErrors) throw new InvalidOperationException("menu tests do not load: " + string.Join(Environment.NewLine, diagnostics.Sorted()));
        var duplicates = tests.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) throw new InvalidOperationException("scenario names must be unique to name test cases: " + string.Join(", ", duplicates));
        return (set, MenuTestSuite.Run(set, host, tests).Outcomes);
    }
}
