namespace Ivr.Tests.Menus;

/// <summary>The checkout the tests run from, so they can read the shipped menus/ and prompts/.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ivr.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Ivr.sln above {AppContext.BaseDirectory}");
    }
}
