using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Menus.Production;

/// <summary>
/// What instances of one deployment share: a fresh PostgreSQL database and a Redis channel prefix of their own, so
/// each test starts with no menu revisions and hears only its own activations.
/// </summary>
public sealed class MenuCluster : IAsyncDisposable
{
    public const string SupervisorKey = "supervisor-key";
    public const string ViewerKey = "viewer-key";

    readonly PostgresDatabase _database = new();
    readonly List<MenuInstance> _instances = [];
    readonly List<DirectoryInfo> _folders = [];

    public string RedisPrefix { get; } = "t:" + Guid.NewGuid().ToString("N")[..8] + ":";

    public string Postgres => _database.ConnectionString;

    public static async Task<MenuCluster> CreateAsync()
    {
        var cluster = new MenuCluster();
        await cluster._database.InitializeAsync();
        return cluster;
    }

    /// <summary>A copy of the repository's menus folder for one instance to run from and a test to edit.</summary>
    public string CopyOfShippedMenus()
    {
        var folder = Directory.CreateTempSubdirectory("menus-");
        _folders.Add(folder);
        var shipped = Path.Combine(Servers.RepoRoot(), "menus");
        foreach (var file in Directory.EnumerateFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(folder.FullName, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return folder.FullName;
    }

    public Dictionary<string, string?> Configuration(string folder) => new()
    {
        ["Menus:Path"] = folder,
        ["Prompts:Catalog"] = Path.Combine(Servers.RepoRoot(), "prompts", "catalog.yaml"),
        ["Menus:Postgres"] = Postgres,
        ["Menus:Redis"] = Servers.Redis,
        ["Menus:RedisPrefix"] = RedisPrefix,
        ["Menus:ReloadDelayMs"] = "100",
        ["Admin:Keys:0:Name"] = "alice",
        ["Admin:Keys:0:Key"] = SupervisorKey,
        ["Admin:Keys:0:Role"] = "supervisor",
        ["Admin:Keys:1:Name"] = "victor",
        ["Admin:Keys:1:Key"] = ViewerKey,
        ["Admin:Keys:1:Role"] = "viewer",
    };

    public async Task<MenuInstance> StartAsync(string? folder = null, IDictionary<string, string?>? overrides = null)
    {
        var config = Configuration(folder ?? CopyOfShippedMenus());
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) config[k] = v;
        var instance = await MenuInstance.StartAsync(config);
        _instances.Add(instance);
        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        foreach (var folder in _folders) folder.Delete(recursive: true);
        await _database.DisposeAsync();
    }
}
