using Ivr.Menus.Model;

namespace Ivr.Menus.Validation;

/// <summary>Unreachable nodes (a warning) and loops a caller can enter without pressing anything (an error unless bounded by max-visits).</summary>
public static class GraphRules
{
    public static void Check(ValidationContext c)
    {
        Unreachable(c);
        InputFreeLoops(c);
    }

    static void Unreachable(ValidationContext c)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<string>(c.Entries.Values.Select(e => e.Id)
            .Concat(new[] { c.Defaults.Seat?.Id, c.Defaults.OnFail?.Id }.OfType<string>()));
        while (work.TryPop(out var id))
        {
            if (!seen.Add(id) || !c.Nodes.TryGetValue(id, out var node)) continue;
            foreach (var edge in node.Edges) work.Push(edge.Target.Id);
        }
        foreach (var node in c.Nodes.Values.Where(n => !seen.Contains(n.Id)))
            c.Diagnostics.Warning(node.At, $"node '{node.Id}' cannot be reached from any entry", "link it from a menu option or an entry, or delete it");
    }

    /// <summary>Strongly connected components over the edges the engine follows without input (Tarjan).</summary>
    static void InputFreeLoops(ValidationContext c)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var counter = 0;

        IEnumerable<string> Next(string id) => c.Nodes.TryGetValue(id, out var n)
            ? n.Edges.Where(e => !e.WaitsForCaller && c.Nodes.ContainsKey(e.Target.Id)).Select(e => e.Target.Id) : [];

        void Visit(string id)
        {
            index[id] = low[id] = counter++;
            stack.Push(id);
            onStack.Add(id);
            foreach (var next in Next(id))
            {
                if (!index.ContainsKey(next)) { Visit(next); low[id] = Math.Min(low[id], low[next]); }
                else if (onStack.Contains(next)) low[id] = Math.Min(low[id], index[next]);
            }
            if (low[id] != index[id]) return;
            var component = new List<string>();
            string member;
            do { member = stack.Pop(); onStack.Remove(member); component.Add(member); } while (member != id);
            var loops = component.Count > 1 || Next(id).Contains(id);
            if (!loops || component.Any(m => c.Nodes[m].MaxVisits is not null)) return;
            var first = component.Select(m => c.Nodes[m]).OrderBy(n => n.At.File, StringComparer.Ordinal).ThenBy(n => n.At.Line).First();
            c.Diagnostics.Error(first.At, $"nodes {string.Join(" → ", Cycle(first.Id, component, Next))} loop without any caller input",
                "route the loop through a menu or collect, or bound it with 'max-visits: N' on one of its nodes");
        }

        foreach (var id in c.Nodes.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(id)) Visit(id);
    }

    /// <summary>A readable path round the loop starting at its first node.</summary>
    static IEnumerable<string> Cycle(string start, List<string> component, Func<string, IEnumerable<string>> next)
    {
        var path = new List<string> { start };
        var current = start;
        while (path.Count <= component.Count)
        {
            current = next(current).First(component.Contains);
            path.Add(current);
            if (current == start) break;
        }
        return path.Select(p => $"'{p}'");
    }
}
