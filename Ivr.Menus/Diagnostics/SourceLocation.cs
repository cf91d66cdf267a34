namespace Ivr.Menus.Diagnostics;

/// <summary>A position in a menu file; line and column count from 1, as editors show them.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
