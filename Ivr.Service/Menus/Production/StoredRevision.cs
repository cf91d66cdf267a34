namespace Ivr.Service.Menus.Production;

/// <summary>A menu revision kept in PostgreSQL: its content hash, who stored it first and when, and its files.</summary>
public sealed record StoredRevision(long Id, string Revision, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<MenuFile> Files);

/// <summary>One switch of the active revision: which, when, by whom and why (upload, file change, activate, rollback, start-up).</summary>
public sealed record MenuActivation(long Id, string Revision, DateTimeOffset ActivatedAt, string ActivatedBy, string Reason);
