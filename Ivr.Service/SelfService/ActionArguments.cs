namespace Ivr.Service.SelfService;

/// <summary>
/// Reads a menu action's arguments. A missing one is a menu bug, not a caller's mistake: it throws, and the call answers
/// <c>error</c> and logs the message, which names the action and the argument.
/// </summary>
public static class ActionArguments
{
    public static string Required(IReadOnlyDictionary<string, string> arguments, string action, string name) =>
        arguments.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : throw new ArgumentException($"{action}: argument '{name}' is missing or empty (check the action node's args in menus/)");

    public static string Optional(IReadOnlyDictionary<string, string> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value.Trim() : "";
}
