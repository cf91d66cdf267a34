using System.Runtime.CompilerServices;
using Ivr.Menus.Engine;
using Ivr.Menus.Model;

namespace Ivr.Service.Calls.Records;

/// <summary>
/// Which collect nodes' digits a call record must not keep: nodes marked <c>mask: true</c>, and nodes whose variable
/// is passed to an action argument that carries an invoice number, a taxpayer id or a phone number. Decided from the
/// menu and the action declarations, once per revision, never by guessing from the digits.
/// </summary>
public static class KeyMasking
{
    /// <summary>The action arguments that identify an invoice, a taxpayer or a person (see HostRegistry.Actions).</summary>
    public static readonly IReadOnlySet<(string Action, string Argument)> SensitiveArguments = new HashSet<(string, string)>
    {
        ("invoice.verify", "code"), ("invoice.verify", "number"), ("invoice.verify", "check"),
        ("filing.status", "taxpayer-id"),
        ("sms.subscribe", "taxpayer-id"), ("sms.subscribe", "mobile"),
        ("sms.unsubscribe", "mobile"),
    };

    static readonly ConditionalWeakTable<MenuSet, IReadOnlySet<string>> Cache = [];

    /// <summary>The ids of the collect nodes of <paramref name="set"/> whose digits are masked.</summary>
    public static IReadOnlySet<string> MaskedNodes(MenuSet set) => Cache.GetValue(set, Compute);

    /// <summary>True when a key pressed in <paramref name="before"/> is part of a masked value (not a confirmation key).</summary>
    public static bool Masks(MenuSet set, CallState before) =>
        before.Waiting == Waiting.Keys && MaskedNodes(set).Contains(before.Node);

    static IReadOnlySet<string> Compute(MenuSet set)
    {
        var sensitiveVariables = set.Nodes.Values.OfType<ActionNode>()
            .SelectMany(a => a.Arguments.Where(arg => arg.Value.Variable is not null && SensitiveArguments.Contains((a.Action.Name, arg.Name)))
                .Select(arg => arg.Value.Variable!))
            .ToHashSet(StringComparer.Ordinal);
        return set.Nodes.Values.OfType<CollectNode>()
            .Where(c => c.Mask || sensitiveVariables.Contains(c.Into))
            .Select(c => c.Id)
            .ToHashSet(StringComparer.Ordinal);
    }
}
