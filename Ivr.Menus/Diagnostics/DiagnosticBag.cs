namespace Ivr.Menus.Diagnostics;

/// <summary>Collects every problem so a supervisor sees all of them at once, not one per attempt.</summary>
public sealed class DiagnosticBag
{
    readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;
    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public void Error(SourceLocation at, string message, string? hint = null) => _items.Add(new(Severity.Error, at, message, hint));
    public void Warning(SourceLocation at, string message, string? hint = null) => _items.Add(new(Severity.Warning, at, message, hint));

    /// <summary>Errors in file order, so the list reads top to bottom like the files.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.At.File, StringComparer.Ordinal).ThenBy(d => d.At.Line).ThenBy(d => d.At.Column)];
}
