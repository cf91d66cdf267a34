using Ivr.Menus.Loading;
using Ivr.Service.Menus;
using Ivr.Service.Menus.Production;
using Ivr.Service.Speech;
using Ivr.Tests.Infrastructure;
using Npgsql;

namespace Ivr.Tests.Menus.Production;

/// <summary>A copy of the repository's menus in a temporary folder, for tests that edit files or store revisions.</summary>
public sealed class ScratchMenus : IDisposable
{
    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("ivr-scratch-menus-");

    public static string Catalog => Path.Combine(Servers.RepoRoot(), "prompts", "catalog.yaml");

    public ScratchMenus()
    {
        foreach (var file in MenuFolder.Read(Path.Combine(Servers.RepoRoot(), "menus")))
        {
            var path = Path.Combine(Folder.FullName, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }
    }

    /// <summary>Stores the folder as it is now as a revision (and activates it when asked), as a running instance would.</summary>
    public async Task<string> StoreAsync(string postgres, bool activate, string who = "alice")
    {
        var files = MenuFolder.Read(Folder.FullName);
        var set = MenuLoader.Load([.. files.Select(f => f.ToSource())], HostRegistry.Catalog(PromptCatalog.Load(Catalog))).Set!;
        await using var revisions = new MenuRevisionRepository(NpgsqlDataSource.Create(postgres));
        var stored = await revisions.SaveAsync(set.Revision, files, who, CancellationToken.None);
        if (activate) await revisions.ActivateAsync(stored.Id, who, "test", CancellationToken.None);
        return set.Revision;
    }

    public void Dispose() => Folder.Delete(recursive: true);
}
