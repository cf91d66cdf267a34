using Ivr.Menus.Diagnostics;
using Ivr.Menus.Loading;

namespace Ivr.Service.Menus.Production;

/// <summary>An upload or validation as JSON: every file of the menus folder.</summary>
public sealed record MenuFilesBody(List<MenuFile>? Files);

/// <summary>A rollback to a given revision, or (empty) to the one active before the current one.</summary>
public sealed record RollbackBody(string? Revision);

/// <summary>One error or warning as the API shows it; <c>Text</c> is the line the CLI prints.</summary>
public sealed record DiagnosticView(string File, int Line, int Column, string Severity, string Message, string? Hint, string Text)
{
    public static DiagnosticView Of(Diagnostic d) =>
        new(d.At.File, d.At.Line, d.At.Column, d.Severity.ToString().ToLowerInvariant(), d.Message, d.Hint, d.ToString());
}

/// <summary>A revision without its texts, for lists.</summary>
public sealed record RevisionView(long Id, string Revision, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<string> Files, bool Active)
{
    public static RevisionView Of(StoredRevision r, string? active) =>
        new(r.Id, r.Revision, r.CreatedAt, r.CreatedBy, [.. r.Files.Select(f => f.Path)], r.Revision == active);
}

/// <summary>The outcome of validate, upload, activate and rollback.</summary>
public sealed record SubmissionView(bool Ok, string? Revision, MenuActivation? Activation, IReadOnlyList<DiagnosticView> Errors, IReadOnlyList<DiagnosticView> Warnings)
{
    public static SubmissionView Of(MenuLoadResult result, MenuActivation? activation = null) =>
        new(result.Succeeded, result.Set?.Revision, activation,
            [.. result.Errors.Select(DiagnosticView.Of)], [.. result.Diagnostics.Where(d => d.Severity == Severity.Warning).Select(DiagnosticView.Of)]);
}

/// <summary>What <c>GET /admin/menus</c> answers: this instance's revision, the active one, and the last refused set.</summary>
public sealed record MenuStatusView(string Current, MenuActivation? Active, MenuRejectionView? LastRejection);

public sealed record MenuRejectionView(DateTimeOffset At, string By, IReadOnlyList<DiagnosticView> Errors)
{
    public static MenuRejectionView? Of(MenuRejection? r) => r is null ? null : new(r.At, r.By, [.. r.Errors.Select(DiagnosticView.Of)]);
}
