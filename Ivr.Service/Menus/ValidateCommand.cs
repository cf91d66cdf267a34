namespace Ivr.Service.Menus;

/// <summary>`ivr menus validate`: every error at once as file:line:col; exit 1 when there is any.</summary>
public static class ValidateCommand
{
    public static int Run(MenuOptions options, TextWriter output, TextWriter error)
    {
        var workspace = MenuWorkspace.Load(options, error);
        if (workspace?.Set is not { } set)
        {
            if (workspace is not null) error.WriteLine($"{workspace.Result.Errors.Count()} error(s)");
            return 1;
        }
        output.WriteLine($"ok: {set.Nodes.Count} nodes in {set.Files.Count} file(s), {set.Entries.Count} entries, revision {set.Revision}, {set.Warnings.Count} warning(s)");
        return 0;
    }
}
