namespace Ivr.Menus.Validation;

/// <summary>
/// A service the host offers to `action` nodes: its arguments, every result code it can return and the outputs
/// it stores (e.g. invoice.verify → match|mismatch|not_found…; outputs seller, date, amount).
/// </summary>
public sealed record ActionDeclaration(
    string Name,
    string Description,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Results,
    IReadOnlyList<string> Outputs);
