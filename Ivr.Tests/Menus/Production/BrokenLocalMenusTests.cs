using System.Text.RegularExpressions;
using Ivr.Menus.Loading;
using Ivr.Service.Calls.Menu;
using Ivr.Service.Data;
using Ivr.Service.Menus;
using Ivr.Service.Menus.Production;
using Ivr.Service.Speech;
using Ivr.Simulator;
using Ivr.Tests.Conformance.Sounds;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ivr.Tests.Menus.Production;

/// <summary>
/// Start-up with a broken menus folder (issue 6): the revision the real PostgreSQL names active runs the calls and the
/// file:line errors are logged; the built-in greeting only when PostgreSQL has no good revision either.
/// </summary>
public sealed class BrokenLocalMenusTests : IAsyncLifetime
{
    readonly PostgresDatabase _db = new();
    readonly ScratchMenus _scratch = new();
    static string Catalog => ScratchMenus.Catalog;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await MigrationRunner.MigrateAsync(_db.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        _scratch.Dispose();
    }

    IConfiguration Config(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Menus:Path"] = _scratch.Folder.FullName, ["Prompts:Catalog"] = Catalog, ["Menus:Postgres"] = _db.ConnectionString,
        };
        foreach (var (key, value) in more) settings[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    Task<string> ActivateGoodRevisionAsync() => _scratch.StoreAsync(_db.ConnectionString, activate: true);

    /// <summary>Points the deadline prompt's next at a node that does not exist, on its own line of 12366.yaml.</summary>
    int BreakMainFile()
    {
        var file = Path.Combine(_scratch.Folder.FullName, "12366.yaml");
        var lines = File.ReadAllLines(file);
        var at = Array.FindIndex(lines, l => l.Contains("play: [deadline-is, {date: $deadline}]", StringComparison.Ordinal)) + 1;
        Assert.Equal("    next: filing-menu", lines[at]);
        lines[at] = "    next: no-such-node";
        File.WriteAllLines(file, lines);
        return at + 1;
    }

    [Fact]
    public async Task Broken_local_menus_give_way_to_the_active_revision_in_postgresql_and_their_errors_keep_file_and_line()
    {
        var active = await ActivateGoodRevisionAsync();
        var line = BreakMainFile();

        var setup = MenuCallSetup.TryLoad(Config(), _scratch.Folder.FullName, out var errors);

        Assert.NotNull(setup);
        Assert.Equal(active, setup.Menus.Current.Revision);
        Assert.Equal(errors, setup.LocalProblems);
        Assert.Contains(setup.LocalProblems, p => Regex.IsMatch(p, $@"12366\.yaml:{line}:\d+") && p.Contains("no-such-node", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_an_active_revision_broken_local_menus_leave_the_greeting_and_say_why()
    {
        BreakMainFile();

        var setup = MenuCallSetup.TryLoad(Config(), _scratch.Folder.FullName, out var errors);

        Assert.Null(setup);
        Assert.Contains(errors, e => e.Contains("no-such-node", StringComparison.Ordinal));
        Assert.Equal("PostgreSQL holds no active menu revision to stand in", errors[^1]);
    }

    [Fact]
    public void Unreachable_postgresql_leaves_the_greeting_and_names_the_failure()
    {
        BreakMainFile();
        var unreachable = new NpgsqlConnectionStringBuilder(_db.ConnectionString) { Host = "127.0.0.1", Port = 1 }.ConnectionString;

        var setup = MenuCallSetup.TryLoad(Config(("Menus:Postgres", unreachable)), _scratch.Folder.FullName, out var errors);

        Assert.Null(setup);
        Assert.StartsWith("the active revision could not be read from PostgreSQL", errors[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_run_the_stored_revision_and_the_service_logs_the_local_errors_at_start()
    {
        await ActivateGoodRevisionAsync();
        var line = BreakMainFile();
        var sounds = Directory.CreateTempSubdirectory("ivr-broken-sounds-");
        Directory.CreateDirectory(Path.Combine(sounds.FullName, "zh"));
        SilentWav.Write(Path.Combine(sounds.FullName, "zh", "main-menu.wav"), TimeSpan.FromSeconds(2));
        await using var sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
        {
            DialplanPath = Path.Combine(Servers.RepoRoot(), "asterisk-config", "extensions.conf"), SoundsDirectory = sounds.FullName,
        });
        var config = Config(("Ari:Url", sim.AriUrl.ToString()), ("Ari:User", sim.User), ("Ari:Password", sim.Password), ("Calls:Redis", ""),
            ("IVR_REDIS", ""));
        var setup = MenuCallSetup.TryLoad(config, _scratch.Folder.FullName, out _)!;
        var log = new LogLines();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        var service = new MenuCalls(config, setup, new UnavailableActions(NullLogger<UnavailableActions>.Instance), TimeProvider.System, loggers);
        try
        {
            await service.StartAsync(CancellationToken.None);
            await service.Connected.WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Contains(log.Lines, l => l.StartsWith("Error: the local menus do not load", StringComparison.Ordinal)
                                            && l.Contains($"active revision {setup.Menus.Current.Revision}", StringComparison.Ordinal));
            Assert.Contains(log.Lines, l => Regex.IsMatch(l, $@"^Error: .*12366\.yaml:{line}:\d+"));
            var call = await sim.DialAsync("12366", callerId: "13800000000");
            await call.WaitForPlaybackAsync("sound:main-menu", TimeSpan.FromSeconds(20));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
            sounds.Delete(recursive: true);
        }
    }
}
