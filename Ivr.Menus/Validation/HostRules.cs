using Ivr.Menus.Diagnostics;
using Ivr.Menus.Input;
using Ivr.Menus.Model;

namespace Ivr.Menus.Validation;

/// <summary>Names the host must provide exist, and action nodes match the action's declaration.</summary>
public static class HostRules
{
    public static void Check(ValidationContext c)
    {
        var validators = new HashSet<string>(c.Host.Validators.Concat(DigitValidators.Names), StringComparer.Ordinal);
        foreach (var node in c.Nodes.Values)
        {
            foreach (var (kind, name) in node.HostNames)
            {
                if (name.Name.Length == 0) continue;
                IReadOnlyCollection<string> known = kind switch
                {
                    HostNameKind.Action => [.. c.Host.Actions.Keys],
                    HostNameKind.Queue => [.. c.Host.Queues],
                    HostNameKind.Calendar => [.. c.Host.Calendars],
                    HostNameKind.Validator => validators,
                    _ => [.. c.Host.SmsTemplates],
                };
                if (!known.Contains(name.Name))
                    c.Diagnostics.Error(name.At, $"node '{node.Id}': {Describe(kind)} '{name.Name}' is not provided by the host", Suggestions.Hint(name.Name, known));
            }
            if (node is ActionNode action && c.Host.Actions.TryGetValue(action.Action.Name, out var declaration)) Action(c, action, declaration);
        }
    }

    static void Action(ValidationContext c, ActionNode node, ActionDeclaration declared)
    {
        var owner = $"node '{node.Id}' ({declared.Name})";
        foreach (var arg in node.Arguments.Where(a => !declared.Arguments.Contains(a.Name)))
            c.Diagnostics.Error(arg.At, $"{owner}: unknown argument '{arg.Name}'", Suggestions.Hint(arg.Name, declared.Arguments));
        var missingArgs = declared.Arguments.Where(a => node.Arguments.All(x => x.Name != a)).ToList();
        if (missingArgs.Count > 0)
            c.Diagnostics.Error(node.At, $"{owner}: missing argument(s) {string.Join(", ", missingArgs)}", "add them under 'args:'");
        foreach (var result in node.Results.Where(r => !declared.Results.Contains(r.Code)))
            c.Diagnostics.Error(result.At, $"{owner}: '{result.Code}' is not a result of this action", Suggestions.Hint(result.Code, declared.Results));
        var unhandled = declared.Results.Where(r => node.Results.All(x => x.Code != r)).ToList();
        if (unhandled.Count > 0 && node.Else is null)
            c.Diagnostics.Error(node.At, $"{owner}: result(s) {string.Join(", ", unhandled)} are not handled", "add them under 'results:' or add 'else: node-id'");
        foreach (var output in node.Outputs.Where(o => !declared.Outputs.Contains(o.Output)))
            c.Diagnostics.Error(output.At, $"{owner}: '{output.Output}' is not an output of this action", Suggestions.Hint(output.Output, declared.Outputs));
    }

    static string Describe(HostNameKind kind) => kind switch
    {
        HostNameKind.Action => "action",
        HostNameKind.Queue => "queue",
        HostNameKind.Calendar => "calendar",
        HostNameKind.Validator => "validator",
        _ => "SMS template",
    };
}
