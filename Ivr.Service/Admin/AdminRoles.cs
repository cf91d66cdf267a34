namespace Ivr.Service.Admin;

/// <summary>What an admin key may do.</summary>
public static class AdminRoles
{
    /// <summary>May change menus and campaigns, and read everything.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>May read revisions, graphs and health, and validate menus without storing them.</summary>
    public const string Viewer = "viewer";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Supervisor, Viewer };
}
