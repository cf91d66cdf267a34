using Ivr.Menus.Diagnostics;
using Ivr.Menus.Model;

namespace Ivr.Menus.Loading;

/// <summary>One menu file's name (as it should appear in errors) and text.</summary>
public sealed record MenuSource(string File, string Text);

/// <summary>The loaded set when there were no errors, and every diagnostic (errors and warnings) in file order.</summary>
public sealed record MenuLoadResult(MenuSet? Set, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Set is not null;
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);
}
