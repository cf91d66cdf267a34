namespace Ivr.Menus.Diagnostics;

/// <summary>Errors stop a menu set from loading; warnings are shown but do not.</summary>
public enum Severity { Error, Warning }

/// <summary>One problem found in a menu file, with where it is and how to fix it.</summary>
public sealed record Diagnostic(Severity Severity, SourceLocation At, string Message, string? Hint = null)
{
    public override string ToString() =>
        $"{At}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}{(Hint is null ? "" : $" ({Hint})")}";
}
