using Ivr.Menus.Loading;
using Ivr.Menus.Model;
using Ivr.Menus.Validation;
using Ivr.Service.Speech;

namespace Ivr.Service.Menus;

/// <summary>Loads the prompt catalogue, the host catalogue and the menus the way every verb needs them, printing problems.</summary>
public sealed record MenuWorkspace(PromptCatalog Prompts, HostCatalog Host, MenuLoadResult Result)
{
    public MenuSet? Set => Result.Set;

    public static MenuWorkspace? Load(MenuOptions options, TextWriter error)
    {
        PromptCatalog prompts;
        try { prompts = PromptCatalog.Load(options.Prompts); }
        catch (Exception e) when (e is PromptCatalogException or IOException or YamlDotNet.Core.YamlException or InvalidCastException)
        {
            error.WriteLine($"{options.Prompts}: the prompt catalogue cannot be read: {e.Message}");
            return null;
        }
        var soundsRoot = options.Audio ? Path.Combine(Path.GetDirectoryName(options.Prompts) ?? ".", "sounds") : null;
        var host = HostRegistry.Catalog(prompts, soundsRoot);
        var missing = options.MenuPaths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            foreach (var m in missing) error.WriteLine($"{m}: no such file or folder");
            return null;
        }
        var result = MenuLoader.LoadFiles(options.MenuPaths, host);
        foreach (var d in result.Diagnostics) error.WriteLine(d);
        return new MenuWorkspace(prompts, host, result);
    }
}
