using System.Text.RegularExpressions;

namespace Ivr.Service.Calls.Outbound;

/// <summary>
/// What an outbound call carries into Stasis as <c>appArgs</c>: the menu entry to run, our call id, the number dialled,
/// then the menu's variables as <c>name=value</c> (a reminder's deadline and tax). Inbound calls enter from the dialplan
/// without them, so their args are empty.
/// </summary>
public sealed partial record OutboundCallArgs(string Entry, string CallId, string Phone)
{
    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex VariableName();

    /// <summary>Variables the answered call's menu starts with.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>The comma-separated appArgs of an originate (ARI splits them back into a list).</summary>
    public string ToAppArgs() => string.Join(',', new[] { Entry, CallId, Phone }.Concat(Variables.Select(v => $"{v.Key}={v.Value}")));

    /// <summary>
    /// Why a variable cannot travel in appArgs (ARI splits them at commas; names must be menu variable names), or null.
    /// Values are short: a deadline or a tax, never free text about the taxpayer.
    /// </summary>
    public static string? Problem(string name, string value) =>
        !VariableName().IsMatch(name) ? $"variable name '{name}' is not lower-case letters, digits and '-'"
        : value.Length > 40 || value.Any(c => c is ',' or '|' or '"' or '\\' || char.IsControl(c)) ? $"variable '{name}' must be at most 40 characters without , | \" or \\"
        : null;

    /// <summary>The args of a StasisStart, or null when the channel is not one of ours (an inbound call).</summary>
    public static OutboundCallArgs? From(IReadOnlyList<string> args)
    {
        if (args.Count < 3 || !args[0].StartsWith("campaign:", StringComparison.Ordinal)) return null;
        var (entry, callId, phone) = (args[0], args[1], args[2]);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in args.Skip(3))
            if (pair.IndexOf('=') is > 0 and var eq && Problem(pair[..eq], pair[(eq + 1)..]) is null)
                variables[pair[..eq]] = pair[(eq + 1)..];
        return new(entry, callId, phone) { Variables = variables };
    }
}
