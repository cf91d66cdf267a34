using System.Security.Cryptography;
using System.Text;
using Ivr.Menus.Diagnostics;
using Ivr.Menus.Model;
using Ivr.Menus.Validation;
using Ivr.Menus.Yaml;

namespace Ivr.Menus.Loading;

/// <summary>
/// Loads a deployment's menu files into one validated <see cref="MenuSet"/>. Each file may hold `nodes:`,
/// `entries:` (dialled number or campaign → entry node) and, in exactly one file, `defaults:`.
/// </summary>
public static class MenuLoader
{
    /// <summary>Reads files, or every *.yaml below a folder except its tests/ folder.</summary>
    public static MenuLoadResult LoadFiles(IEnumerable<string> paths, HostCatalog host)
    {
        var sources = new List<MenuSource>();
        foreach (var path in paths)
        {
            var files = Directory.Exists(path) ? FilesIn(path) : [path];
            sources.AddRange(files.Select(f => new MenuSource(f, File.ReadAllText(f))));
        }
        return Load(sources, host);
    }

    /// <summary>The menu files of a deployment folder: every *.yaml below it except its tests/ folder, in a fixed order.</summary>
    public static IReadOnlyList<string> FilesIn(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Contains("tests"))
            .Order(StringComparer.Ordinal)];

    public static MenuLoadResult Load(IReadOnlyList<MenuSource> sources, HostCatalog host)
    {
        var diagnostics = new DiagnosticBag();
        var unreadable = false;
        var roots = new List<(MenuSource Source, Fields Fields)>();
        foreach (var source in sources)
        {
            var errorsBefore = diagnostics.Items.Count;
            var root = YamlReader.Read(source.File, source.Text, diagnostics);
            unreadable |= diagnostics.Items.Count > errorsBefore;
            if (root is null) continue;
            if (root is not YMapping map)
            {
                diagnostics.Error(root.At, $"a menu file is a mapping with 'nodes:', found {root.KindName}", "start the file with 'nodes:'");
                continue;
            }
            roots.Add((source, new Fields(map, Path.GetFileName(source.File), diagnostics)));
        }

        var defaults = ReadDefaults(roots, diagnostics);
        var parser = new NodeParser(defaults, diagnostics);
        var nodes = new Dictionary<string, MenuNode>(StringComparer.Ordinal);
        var entries = new Dictionary<string, NodeRef>(StringComparer.Ordinal);
        var entriesAt = sources.Count > 0 ? new SourceLocation(sources[0].File, 1, 1) : default;
        foreach (var (_, f) in roots)
        {
            foreach (var (id, body) in f.Mapping("nodes")?.Entries ?? [])
            {
                if (parser.Parse(id, body) is not { } node) continue;
                if (nodes.TryGetValue(id.Value, out var first))
                    diagnostics.Error(id.At, $"node '{id.Value}' is already defined at {first.At}", "rename one of them");
                else nodes.Add(id.Value, node);
            }
            if (f.Map.Entries.FirstOrDefault(e => e.Key.Value == "entries").Key is { } entriesKey) entriesAt = entriesKey.At;
            foreach (var (name, target) in f.Mapping("entries")?.Entries ?? [])
            {
                if (f.AsScalar(target, $"entries.{name.Value}") is not { } t) continue;
                if (entries.TryGetValue(name.Value, out var first))
                    diagnostics.Error(name.At, $"entry '{name.Value}' is already given at {first.At}", "keep one entry per number or campaign");
                else entries.Add(name.Value, new NodeRef(t.Value, t.At));
            }
            f.ReportUnknown();
        }

        // Cross-node rules on a partly read set would only echo the syntax errors as missing nodes and entries.
        if (!unreadable) MenuValidator.Validate(defaults, nodes, entries, entriesAt, host, diagnostics);
        var sorted = diagnostics.Sorted();
        if (diagnostics.HasErrors) return new MenuLoadResult(null, sorted);
        var set = new MenuSet(Revision(sources), [.. sources.Select(s => s.File)], defaults, nodes, entries,
            [.. sorted.Where(d => d.Severity == Severity.Warning)]);
        return new MenuLoadResult(set, sorted);
    }

    static MenuDefaults ReadDefaults(List<(MenuSource Source, Fields Fields)> roots, DiagnosticBag diagnostics)
    {
        MenuDefaults? defaults = null;
        SourceLocation? firstAt = null;
        foreach (var (_, f) in roots)
        {
            var node = f.Mapping("defaults");
            if (node is null) continue;
            if (firstAt is not null)
            {
                diagnostics.Error(node.At, $"'defaults' are already given at {firstAt}", "keep one 'defaults:' section for the whole menu set");
                continue;
            }
            firstAt = node.At;
            defaults = DefaultsParser.Parse(node, diagnostics);
        }
        return defaults ?? new MenuDefaults();
    }

    /// <summary>A content hash over file names and texts in a fixed order, so the same files always give the same revision.</summary>
    static string Revision(IEnumerable<MenuSource> sources)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var s in sources.OrderBy(s => Path.GetFileName(s.File), StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(s.File) + "\0" + s.Text + "\0"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
