using Ivr.Menus.Loading;

namespace Ivr.Service.Menus.Production;

/// <summary>One file of a menu revision: its path relative to the menus folder (with '/') and its text.</summary>
public sealed record MenuFile(string Path, string Text)
{
    public MenuSource ToSource() => new(Path, Text);

    /// <summary>
    /// Problems with an uploaded set's paths, each naming the file by its position: a path must be relative, stay
    /// inside the menus folder, end in .yaml, not be a menu test, and appear once.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<MenuFile>? files)
    {
        if (files is null || files.Count == 0) return ["files: no menu files given; send every *.yaml of the menus folder"];
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            var (path, text) = (files[i].Path, files[i].Text);
            var at = $"files[{i}] ('{path}')";
            if (string.IsNullOrWhiteSpace(path)) problems.Add($"files[{i}]: the path is empty; give it as in the menus folder, e.g. 12366.yaml");
            else if (path.StartsWith('/') || path.Contains('\\') || path.Split('/').Any(p => p is "" or "." or ".."))
                problems.Add($"{at}: the path must be relative to the menus folder with '/' between folders, e.g. fragments/seats.yaml");
            else if (!path.EndsWith(".yaml", StringComparison.Ordinal)) problems.Add($"{at}: menu files end in .yaml");
            else if (path.Split('/')[..^1].Contains("tests")) problems.Add($"{at}: menu tests are not part of a revision; leave out tests/");
            else if (!seen.Add(path)) problems.Add($"{at}: given twice; send each file once");
            if (text is null) problems.Add($"{at}: the text is missing");
        }
        return problems;
    }
}
