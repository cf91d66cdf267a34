using Ivr.Menus.Diagnostics;

namespace Ivr.Menus.Model;

/// <summary>
/// A loaded, validated, immutable menu set. Revision is a hash of the files' names and contents, so loading the
/// same files twice gives the same revision, and calls in progress can keep the revision they started with.
/// </summary>
public sealed record MenuSet(
    string Revision,
    IReadOnlyList<string> Files,
    MenuDefaults Defaults,
    IReadOnlyDictionary<string, MenuNode> Nodes,
    IReadOnlyDictionary<string, NodeRef> Entries,
    IReadOnlyList<Diagnostic> Warnings)
{
    public MenuNode Node(string id) => Nodes.TryGetValue(id, out var n) ? n
        : throw new KeyNotFoundException($"menu revision {Revision} has no node '{id}'");
}
