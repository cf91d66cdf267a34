using Ivr.Menus.Loading;
using Ivr.Service.Calls.Menu;
using Ivr.Service.Data;
using Ivr.Service.Menus;
using Ivr.Service.Menus.Production;
using Ivr.Service.Speech;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Tests.Calls.State;

/// <summary>
/// Issue 6: calls in progress keep their menu revision across a reload — also when the instance running them dies and
/// one that has loaded only the new revision takes them over (it reads the call's revision from menu_revisions).
/// </summary>
public sealed class TakeoverAcrossReloadTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = MenuCallRig.Wait;
    readonly PostgresDatabase _db = new();
    readonly DirectoryInfo _menus = Directory.CreateTempSubdirectory("ivr-reload-menus-");
    MenuCallRig _rig = null!;
    static string Catalog => Path.Combine(Servers.RepoRoot(), "prompts", "catalog.yaml");

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await MigrationRunner.MigrateAsync(_db.ConnectionString);
        foreach (var file in MenuFolder.Read(Path.Combine(Servers.RepoRoot(), "menus")))
        {
            var path = Path.Combine(_menus.FullName, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, file.Text);
        }
        _rig = await MenuCallRig.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _db.DisposeAsync();
        _menus.Delete(recursive: true);
    }

    Dictionary<string, string?> Settings => new() { ["Menus:Path"] = _menus.FullName, ["Prompts:Catalog"] = Catalog };

    MenuDeployment Deployment(MenuCallSetup setup) => new(setup.Menus, HostRegistry.Catalog(setup.Prompts),
        new MenuRevisionRepository(Npgsql.NpgsqlDataSource.Create(_db.ConnectionString)), new MenuActivationBus(Servers.Redis, _rig.Prefix),
        TimeProvider.System, NullLogger<MenuDeployment>.Instance);

    /// <summary>Stores the menus folder as it is now, as the instance that loaded it would have.</summary>
    async Task<string> StoreRevisionAsync()
    {
        var files = MenuFolder.Read(_menus.FullName);
        var set = MenuLoader.Load([.. files.Select(f => f.ToSource())], HostRegistry.Catalog(PromptCatalog.Load(Catalog))).Set!;
        await using var revisions = new MenuRevisionRepository(Npgsql.NpgsqlDataSource.Create(_db.ConnectionString));
        await revisions.SaveAsync(set.Revision, files, "test", CancellationToken.None);
        return set.Revision;
    }

    /// <summary>The complaint menu now says the main menu's prompt: a revision whose node a caller can tell apart.</summary>
    void ChangeComplaintMenu()
    {
        var main = Path.Combine(_menus.FullName, "12366.yaml");
        var text = File.ReadAllText(main);
        const string old = "  complaint-menu:\n    type: menu\n    prompt: complaint-menu\n";
        Assert.Contains(old, text);
        File.WriteAllText(main, text.Replace(old, "  complaint-menu:\n    type: menu\n    prompt: main-menu\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_taken_over_after_a_reload_goes_on_in_the_revision_it_started_with_while_new_calls_get_the_new_one()
    {
        await StoreRevisionAsync();
        var first = await _rig.StartServiceAsync(settings: Settings);
        var call = await _rig.AtMainMenuAsync();
        await call.PressAsync("5");
        await call.WaitForPlaybackAsync("sound:complaint-menu", Wait);

        ChangeComplaintMenu();
        await first.StopAsync(CancellationToken.None);
        await _rig.StartServiceAsync(settings: Settings, deployment: Deployment);

        // The old revision's complaint menu again, not the new entry's welcome.
        Assert.Equal("sound:complaint-menu", await call.WaitForPlaybackAsync(timeout: Wait));
        await call.PressAsync("1");
        await call.WaitForPlaybackAsync("sound:record-after-beep", Wait);

        var fresh = await _rig.AtMainMenuAsync();
        await fresh.PressAsync("5");
        await fresh.WaitForPlaybackAsync("sound:main-menu", Wait);
        Assert.DoesNotContain("sound:complaint-menu", fresh.PlayedMedia);
    }

    [Fact]
    public async Task Call_whose_revision_is_nowhere_to_be_had_restarts_at_its_entry()
    {
        var first = await _rig.StartServiceAsync(settings: Settings);
        var call = await _rig.AtMainMenuAsync();
        await call.PressAsync("5");
        await call.WaitForPlaybackAsync("sound:complaint-menu", Wait);

        ChangeComplaintMenu();
        await first.StopAsync(CancellationToken.None);
        // Nothing stored the first revision: the taker can only start the call afresh.
        await _rig.StartServiceAsync(settings: Settings, deployment: Deployment);

        Assert.Equal("sound:welcome", await call.WaitForPlaybackAsync(timeout: Wait));
    }
}
