using Ivr.Menus.Diagnostics;
using Ivr.Menus.Model;

namespace Ivr.Menus.Validation;

/// <summary>Every node reference points at a node; every entry the host routes has a node; menus that need a fallback have one.</summary>
public static class ReferenceRules
{
    public static void Check(ValidationContext c, SourceLocation entriesAt)
    {
        foreach (var node in c.Nodes.Values)
        {
            foreach (var edge in node.Edges) Target(c, edge.Target, $"node '{node.Id}' ({edge.Label})");
            switch (node)
            {
                case ChoiceNode { SeatKey: not null, Seat: null } menu:
                    c.Diagnostics.Error(menu.At, $"node '{menu.Id}': seat-key '{menu.SeatKey}' has no 'seat' node to go to", "give 'seat:' in defaults or on this node, or write 'seat-key: none'");
                    break;
                case ChoiceNode { OnFail: null } or CollectNode { OnFail: null } or QueueNode { OnFail: null }:
                    c.Diagnostics.Error(node.At, $"node '{node.Id}' has no 'on-fail' for when the caller runs out of tries or no seat answers", "add 'on-fail: node-id' here or in defaults");
                    break;
            }
            if (node is BranchNode branch)
                foreach (var lang in branch.Cases.Select(x => x.When).OfType<LanguageCondition>().Where(l => !c.Defaults.Languages.Contains(l.Language)))
                    c.Diagnostics.Error(lang.At, $"node '{node.Id}': language '{lang.Language}' is not one of the menu languages", Suggestions.Hint(lang.Language, [.. c.Defaults.Languages]));
        }
        foreach (var (name, target) in c.Entries) Target(c, target, $"entry '{name}'");
        if (c.Defaults.Seat is { } seat) Target(c, seat, "defaults 'seat'");
        if (c.Defaults.OnFail is { } onFail) Target(c, onFail, "defaults 'on-fail'");
        foreach (var missing in c.Host.RequiredEntries.Where(e => !c.Entries.ContainsKey(e)).Order(StringComparer.Ordinal))
            c.Diagnostics.Error(entriesAt, $"no entry node for '{missing}', which the host routes calls to", $"add '\"{missing}\": node-id' under 'entries:'");
    }

    static void Target(ValidationContext c, NodeRef target, string from)
    {
        if (target.Id.Length == 0 || c.Nodes.ContainsKey(target.Id)) return;
        c.Diagnostics.Error(target.At, $"{from} goes to '{target.Id}', which is not a node", Suggestions.Hint(target.Id, [.. c.Nodes.Keys]));
    }
}
