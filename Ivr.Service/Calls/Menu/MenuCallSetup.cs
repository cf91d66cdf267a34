using Ivr.Menus.Loading;
using Ivr.Service.Menus;
using Ivr.Service.Speech;

namespace Ivr.Service.Calls.Menu;

/// <summary>What menu calls need loaded once at start-up: the menus (hot-reloadable store) and the prompt catalogue.</summary>
public sealed record MenuCallSetup(MenuStore Menus, PromptCatalog Prompts)
{
    /// <summary>Renders menus' free-text values ({text: $seller}) during calls; without it they are left out.</summary>
    public Ivr.Service.Speech.Runtime.RuntimeSpeech? Runtime { get; init; }

    /// <summary>
    /// Loads <c>Menus:Path</c> (default <c>menus</c>) against <c>Prompts:Catalog</c> (default <c>prompts/catalog.yaml</c>),
    /// both relative to <paramref name="contentRoot"/>. Null with every problem in <paramref name="errors"/> when they cannot run.
    /// </summary>
    public static MenuCallSetup? TryLoad(IConfiguration config, string contentRoot, out IReadOnlyList<string> errors)
    {
        var menus = Path.GetFullPath(config["Menus:Path"] ?? "menus", contentRoot);
        var catalogFile = Path.GetFullPath(config["Prompts:Catalog"] ?? Path.Combine("prompts", "catalog.yaml"), contentRoot);
        errors = [];
        PromptCatalog prompts;
        try { prompts = PromptCatalog.Load(catalogFile); }
        catch (Exception e) when (e is PromptCatalogException or IOException or YamlDotNet.Core.YamlException or InvalidCastException)
        {
            errors = [$"{catalogFile}: the prompt catalogue cannot be read (set Prompts:Catalog): {e.Message}"];
            return null;
        }
        if (!File.Exists(menus) && !Directory.Exists(menus))
        {
            errors = [$"{menus}: no such file or folder (set Menus:Path to the menus folder)"];
            return null;
        }
        try
        {
            return new MenuCallSetup(MenuStore.Open(() => MenuLoader.LoadFiles([menus], HostRegistry.Catalog(prompts))), prompts)
                { Runtime = Ivr.Service.Speech.Runtime.RuntimeSpeech.FromConfiguration(config, contentRoot) };
        }
        catch (MenuLoadException e)
        {
            errors = e.Diagnostics.Select(d => d.ToString()).ToList();
            return null;
        }
    }
}
