using Ivr.Menus.Loading;

namespace Ivr.Service.Menus.Production;

/// <summary>The menu files of a deployment folder as a revision stores them: paths relative to the folder.</summary>
public static class MenuFolder
{
    public static IReadOnlyList<MenuFile> Read(string folder) =>
        [.. MenuLoader.FilesIn(folder).Select(f => new MenuFile(Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(f)))];
}
