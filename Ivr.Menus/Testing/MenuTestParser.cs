using System.Globalization;
using Ivr.Menus.Diagnostics;
using Ivr.Menus.Loading;
using Ivr.Menus.Yaml;

namespace Ivr.Menus.Testing;

/// <summary>Reads menus/tests/*.yaml with the same precise errors as menu files.</summary>
public static class MenuTestParser
{
    static readonly string[] StepKinds =
        ["expect", "press", "say", "timeout", "action", "queue", "seat", "record", "sms", "callback", "language", "variable", "hangup"];

    public static IReadOnlyList<MenuTest> Parse(string file, string text, DiagnosticBag diagnostics)
    {
        if (YamlReader.Read(file, text, diagnostics) is not { } root) return [];
        if (root is not YMapping map)
        {
            diagnostics.Error(root.At, $"a menu test file is a mapping with 'tests:', found {root.KindName}", "start the file with 'tests:'");
            return [];
        }
        var f = new Fields(map, Path.GetFileName(file), diagnostics);
        var tests = new List<MenuTest>();
        foreach (var item in f.Sequence("tests", required: true)?.Items ?? [])
        {
            if (item is not YMapping t) { diagnostics.Error(item.At, "each test must be a mapping with 'name', 'call' and 'steps'", "write '- name: …'"); continue; }
            if (Test(t, diagnostics) is { } test) tests.Add(test);
        }
        f.ReportUnknown();
        return tests;
    }

    static MenuTest? Test(YMapping map, DiagnosticBag diagnostics)
    {
        var f = new Fields(map, "test", diagnostics);
        var name = f.Text("name", required: true) ?? "";
        f = new Fields(map, $"test '{name}'", diagnostics);
        f.Text("name");
        var entry = f.Text("call", required: true);
        var caller = f.Text("from") ?? "13800000000";
        var language = f.Text("language");
        var todayNode = f.Scalar("today");
        var today = new DateOnly(2026, 11, 23);
        if (todayNode is not null && !DateOnly.TryParseExact(todayNode.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out today))
            diagnostics.Error(todayNode.At, $"test '{name}': 'today' must be a date like 2026-11-23, found '{todayNode.Value}'", "write yyyy-MM-dd");
        var open = f.Sequence("open")?.Items.Select(i => f.AsScalar(i, "open")?.Value).OfType<string>().ToHashSet();
        var steps = (f.Sequence("steps", required: true)?.Items ?? []).Select(s => Step(s, name, diagnostics)).OfType<TestStep>().ToList();
        var variables = Pairs(f, "vars");
        f.ReportUnknown();
        return entry is null ? null : new MenuTest(map.At, name, entry, caller, language, today, open ?? OpenByDefault, steps) { Variables = variables };
    }

    /// <summary>Marks "the host's calendars are all open" when a test does not list them.</summary>
    public static readonly IReadOnlySet<string> OpenByDefault = new HashSet<string> { "*" };

    static TestStep? Step(YNode node, string test, DiagnosticBag diagnostics)
    {
        if (node is YScalar { Value: "timeout" } s) return new TestStep.Silence(s.At);
        if (node is not YMapping map)
        {
            diagnostics.Error(node.At, $"test '{test}': a step is 'timeout' or a mapping like 'press: 1'", Suggestions.Hint(node is YScalar sc ? sc.Value : "", StepKinds));
            return null;
        }
        var f = new Fields(map, $"test '{test}' step", diagnostics);
        var kinds = StepKinds.Where(k => map.Get(k) is not null).ToList();
        if (kinds.Count != 1)
        {
            foreach (var k in StepKinds) f.Node(k);
            if (kinds.Count > 1) diagnostics.Error(map.At, $"test '{test}': a step does one thing, found {string.Join(" and ", kinds)}", "split it into several steps");
            else f.ReportUnknown();
            if (kinds.Count == 0 && map.Entries.Count == 0) diagnostics.Error(map.At, $"test '{test}': empty step", "write e.g. 'press: 1'");
            return null;
        }
        var at = map.At;
        var kind = kinds[0];
        var value = kind is "variable" ? "" : f.Text(kind) ?? "";
        TestStep? step = kind switch
        {
            "expect" => new TestStep.Expect(at, value),
            "press" => new TestStep.Press(at, value),
            "say" => new TestStep.Say(at, value),
            "timeout" => new TestStep.Silence(at),
            "action" => new TestStep.Action(at, value, f.Text("returns", required: true) ?? "", Pairs(f, "args"), Pairs(f, "outputs")),
            "queue" => new TestStep.Queue(at, value, f.Text("skill")),
            "seat" => value is "talked" or "no-seat" ? new TestStep.Seat(at, value == "talked") : Bad(f, kind, value, "talked or no-seat"),
            "record" => new TestStep.Record(at, value),
            "sms" => new TestStep.Sms(at, value, f.Text("to")),
            "callback" => new TestStep.Callback(at, value),
            "language" => new TestStep.Language(at, value),
            "variable" => Pairs(f, "variable") is { Count: 1 } v ? new TestStep.Variable(at, v.Keys.First(), v.Values.First()) : Bad(f, kind, "", "one 'name: value'"),
            _ => value is "caller" or "menu" ? new TestStep.Hangup(at, value == "caller") : Bad(f, kind, value, "caller or menu"),
        };
        f.ReportUnknown();
        return step;
    }

    static TestStep? Bad(Fields f, string kind, string value, string expected)
    {
        f.Diagnostics.Error(f.Map.At, $"{f.Owner}: '{kind}: {value}' is not allowed", $"write '{kind}:' with {expected}");
        return null;
    }

    static Dictionary<string, string> Pairs(Fields f, string key) =>
        (f.Mapping(key)?.Entries ?? []).Select(e => (e.Key.Value, Value: f.AsScalar(e.Value, key)?.Value))
            .Where(e => e.Value is not null).ToDictionary(e => e.Item1, e => e.Value!);
}
