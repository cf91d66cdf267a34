using Ivr.Service.Calls.Menu;
using Ivr.Service.Data;
using Ivr.Service.Menus;
using Ivr.Service.Menus.Production;
using Ivr.Tests.Infrastructure;
using Ivr.Tests.Menus.Production;
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
    readonly ScratchMenus _menus = new();
    MenuCallRig _rig = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await MigrationRunner.MigrateAsync(_db.ConnectionString);
        _rig = await MenuCallRig.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _db.DisposeAsync();
        _menus.Dispose();
    }

    Dictionary<string, string?> Settings => new() { ["Menus:Path"] = _menus.Folder.FullName, ["Prompts:Catalog"] = ScratchMenus.Catalog };

    MenuDeployment Deployment(MenuCallSetup setup) => new(setup.Menus, HostRegistry.Catalog(setup.Prompts),
        new MenuRevisionRepository(Npgsql.NpgsqlDataSource.Create(_db.ConnectionString)), new MenuActivationBus(Servers.Redis, _rig.Prefix),
        TimeProvider.System, NullLogger<MenuDeployment>.Instance);

    /// <summary>The complaint menu now says the main menu's prompt: a revision whose node a caller can tell apart.</summary>
    void ChangeComplaintMenu()
    {
        var main = Path.Combine(_menus.Folder.FullName, "12366.yaml");
        var text = File.ReadAllText(main);
        const string old = "  complaint-menu:\n    type: menu\n    prompt: complaint-menu\n";
        Assert.Contains(old, text);
        File.WriteAllText(main, text.Replace(old, "  complaint-menu:\n    type: menu\n    prompt: main-menu\n", StringComparison.Ordinal));
    }

    /// <summary>A caller at the complaint menu; the menus change; the call's instance stops and one with the new menus starts.</summary>
    async Task<Ivr.Simulator.VirtualCall> AtComplaintMenuWhenItsInstanceStopsAfterAReloadAsync()
    {
        var first = await _rig.StartServiceAsync(settings: Settings);
        var call = await _rig.AtMainMenuAsync();
        await call.PressAsync("5");
        await call.WaitForPlaybackAsync("sound:complaint-menu", Wait);
        ChangeComplaintMenu();
        await first.StopAsync(CancellationToken.None);
        await _rig.StartServiceAsync(settings: Settings, deployment: Deployment);
        return call;
    }

    [Fact]
    public async Task Call_taken_over_after_a_reload_goes_on_in_the_revision_it_started_with_while_new_calls_get_the_new_one()
    {
        await _menus.StoreAsync(_db.ConnectionString, activate: false);
        var call = await AtComplaintMenuWhenItsInstanceStopsAfterAReloadAsync();

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
        // Nothing stored the first revision: the taker can only start the call afresh.
        var call = await AtComplaintMenuWhenItsInstanceStopsAfterAReloadAsync();

        Assert.Equal("sound:welcome", await call.WaitForPlaybackAsync(timeout: Wait));
    }
}
