using Ivr.Menus.Diagnostics;

namespace Ivr.Service.Menus.Production;

/// <summary>A menu set that was refused: when, from whom (key name or "file watcher") and every error with file:line:col.</summary>
public sealed record MenuRejection(DateTimeOffset At, string By, IReadOnlyList<Diagnostic> Errors);

/// <summary>What became of submitted files: the validation result, and the stored revision and activation when it passed.</summary>
public sealed record MenuSubmission(Ivr.Menus.Loading.MenuLoadResult Result, StoredRevision? Stored, MenuActivation? Activation);
