using System.Text;
using Ivr.Menus.Loading;
using Ivr.Menus.Validation;

namespace Ivr.Benchmarks.Menus;

/// <summary>
/// A synthetic deployment: nodes cycle through menu → collect → action → play, spread over files of 1,000 nodes,
/// each menu offering the next node and the one after, so every rule (references, reachability, loops) has work.
/// </summary>
public static class GeneratedMenus
{
    public static readonly HostCatalog Host = new()
    {
        Actions = new Dictionary<string, ActionDeclaration> { ["lookup"] = new("lookup", "benchmark", ["value"], ["ok", "error"], ["answer"]) },
        RequiredEntries = new HashSet<string> { "12366" },
        Prompts = Enumerable.Range(0, 50).ToDictionary(i => $"p{i}", _ => (IReadOnlySet<string>)new HashSet<string> { "zh-CN", "en-US" }),
    };

    public static IReadOnlyList<MenuSource> Sources(int nodes, int perFile = 1000)
    {
        var files = new List<MenuSource>();
        for (var start = 0; start < nodes; start += perFile)
        {
            var yaml = new StringBuilder();
            if (start == 0) yaml.Append("defaults:\n  invalid: p0\n  no-input: p1\n  confirm: p2\n  seat: end\n  on-fail: end\n  max-steps: 10000\nentries:\n  \"12366\": n0\n");
            yaml.Append("nodes:\n");
            if (start == 0) yaml.Append("  end: {type: hangup, prompt: p3}\n");
            for (var i = start; i < Math.Min(nodes, start + perFile); i++) yaml.Append(Node(i, nodes));
            files.Add(new MenuSource($"menus/generated-{start / perFile:000}.yaml", yaml.ToString()));
        }
        return files;
    }

    static string Node(int i, int count)
    {
        string Next(int step) => i + step < count ? $"n{i + step}" : "end";
        return (i % 4) switch
        {
            0 => $"  n{i}:\n    type: menu\n    prompt: p{i % 50}\n    options: {{1: {Next(1)}, 2: {Next(2)}}}\n",
            1 => $"  n{i}:\n    type: collect\n    prompt: p{i % 50}\n    into: v{i % 10}\n    max: 4\n    next: {Next(1)}\n",
            2 => $"  n{i}:\n    type: action\n    action: lookup\n    args: {{value: $v{i % 10}}}\n    results: {{ok: {Next(1)}, error: {Next(2)}}}\n",
            _ => $"  n{i}: {{type: play, play: [p{i % 50}, {{digits: $v{i % 10}}}], next: {Next(1)}}}\n",
        };
    }
}
