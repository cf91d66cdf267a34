using Ivr.Service.Calls.Menu;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Ivr.Tests.Calls;

public sealed class MenuCallSetupTests : IDisposable
{
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ivr-menu-setup-");

    static IConfiguration Config(string menus) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Menus:Path"] = menus, ["Prompts:Catalog"] = Path.Combine(Servers.RepoRoot(), "prompts", "catalog.yaml"),
    }).Build();

    [Fact]
    public void Repository_menus_load_with_the_12366_entry()
    {
        var setup = MenuCallSetup.TryLoad(new ConfigurationBuilder().Build(), Servers.RepoRoot(), out var errors);

        Assert.Empty(errors);
        Assert.NotNull(setup);
        Assert.Contains("12366", setup.Menus.Current.Entries.Keys);
    }

    [Fact]
    public void Broken_menu_file_is_refused_with_its_file_and_line()
    {
        var file = Path.Combine(_dir.FullName, "broken.yaml");
        File.WriteAllText(file, "entries:\n  \"12366\": nowhere\nnodes:\n  main:\n    type: play\n    play: welcome\n    next: missing\n");

        var setup = MenuCallSetup.TryLoad(Config(file), _dir.FullName, out var errors);

        Assert.Null(setup);
        Assert.All(errors.SkipLast(1), e => Assert.Contains("broken.yaml", e));
        Assert.Contains("Menus:Postgres (or IVR_POSTGRES) is not set", errors[^1]);
    }

    [Fact]
    public void Missing_menus_folder_names_the_path_and_the_setting()
    {
        var setup = MenuCallSetup.TryLoad(Config("no-such-menus"), _dir.FullName, out var errors);

        Assert.Null(setup);
        Assert.Equal(2, errors.Count);
        Assert.Contains(Path.Combine(_dir.FullName, "no-such-menus"), errors[0]);
        Assert.Contains("Menus:Path", errors[0]);
        Assert.Contains("no stored revision can stand in", errors[1]);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
