using Ivr.Menus.Diagnostics;
using Ivr.Menus.Model;

namespace Ivr.Menus.Validation;

/// <summary>Runs every rule over a parsed menu set and reports all problems, never just the first.</summary>
public static class MenuValidator
{
    public static void Validate(MenuDefaults defaults, IReadOnlyDictionary<string, MenuNode> nodes, IReadOnlyDictionary<string, NodeRef> entries,
        SourceLocation entriesAt, HostCatalog host, DiagnosticBag diagnostics)
    {
        var context = new ValidationContext(defaults, nodes, entries, host, diagnostics);
        ReferenceRules.Check(context, entriesAt);
        HostRules.Check(context);
        PromptRules.Check(context);
        GraphRules.Check(context);
    }
}

/// <summary>What every rule reads.</summary>
public sealed record ValidationContext(
    MenuDefaults Defaults,
    IReadOnlyDictionary<string, MenuNode> Nodes,
    IReadOnlyDictionary<string, NodeRef> Entries,
    HostCatalog Host,
    DiagnosticBag Diagnostics);
