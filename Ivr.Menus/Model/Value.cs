using Ivr.Menus.Diagnostics;

namespace Ivr.Menus.Model;

/// <summary>A literal or a call variable written as <c>$name</c> (variables: caller, dialled, language and what nodes store).</summary>
public sealed record Value(SourceLocation At, string? Literal, string? Variable)
{
    public static Value Parse(SourceLocation at, string text) =>
        text.StartsWith('$') && text.Length > 1 ? new(at, null, text[1..]) : new(at, text, null);

    public override string ToString() => Variable is null ? Literal! : "$" + Variable;
}
