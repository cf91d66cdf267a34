using Ivr.Menus.Loading;
using Ivr.Service.Menus;
using Ivr.Service.Menus.Production;
using Ivr.Service.Speech;

namespace Ivr.Service.Calls.Menu;

/// <summary>What menu calls need loaded once at start-up: the menus (hot-reloadable store) and the prompt catalogue.</summary>
public sealed record MenuCallSetup(MenuStore Menus, PromptCatalog Prompts)
{
    /// <summary>Renders menus' free-text values ({text: $seller}) during calls; without it they are left out.</summary>
    public Ivr.Service.Speech.Runtime.RuntimeSpeech? Runtime { get; init; }

    /// <summary>Takes callers' spoken answers at menus with keywords; null when speech input is off (no Azure key).</summary>
    public Ivr.Service.Speech.Input.SpeechInput? Speech { get; init; }

    /// <summary>The spoken choices of the menus' nodes, built once per node and revision for all calls.</summary>
    public MenuKeywords Keywords { get; } = new();

    /// <summary>
    /// Problems of the local menus when the revision PostgreSQL names active stands in for them (file:line:column each);
    /// empty when the local menus loaded.
    /// </summary>
    public IReadOnlyList<string> LocalProblems { get; init; } = [];

    /// <summary>
    /// Loads <c>Menus:Path</c> (default <c>menus</c>) against <c>Prompts:Catalog</c> (default <c>prompts/catalog.yaml</c>),
    /// both relative to <paramref name="contentRoot"/>. When they do not load, the active revision in PostgreSQL stands in
    /// (<see cref="LocalProblems"/> then lists why). Null with every problem in <paramref name="errors"/> when neither can run.
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
        var host = HostRegistry.Catalog(prompts);
        MenuLoadResult LoadLocal() => MenuLoader.LoadFiles([menus], host);
        var runtime = Ivr.Service.Speech.Runtime.RuntimeSpeech.FromConfiguration(config, contentRoot);
        Ivr.Service.Speech.Input.SpeechInput? speech;
        try { speech = Ivr.Service.Speech.Input.SpeechInput.FromConfiguration(config, TimeProvider.System); }
        catch (ArgumentException e)
        {
            errors = [$"speech input settings (section Speech): {e.Message}"];
            return null;
        }
        var local = File.Exists(menus) || Directory.Exists(menus) ? LoadLocal() : null;
        if (local is { Set: not null }) return new MenuCallSetup(MenuStore.Open(FirstThen(local, LoadLocal)), prompts) { Runtime = runtime, Speech = speech };
        errors = local is null ? [$"{menus}: no such file or folder (set Menus:Path to the menus folder)"] : [.. local.Diagnostics.Select(d => d.ToString())];
        if (ActiveRevisionFallback.TryLoad(config, host, out var problem) is not { } stored)
        {
            errors = [.. errors, problem];
            return null;
        }
        // The store's later reloads read the local files again: once they are fixed, they can take over.
        return new MenuCallSetup(MenuStore.Open(FirstThen(stored, LoadLocal)), prompts) { Runtime = runtime, Speech = speech, LocalProblems = errors };
    }

    /// <summary>A loader whose first answer is already known (the store opens with it) and later ones read the files again.</summary>
    static Func<MenuLoadResult> FirstThen(MenuLoadResult first, Func<MenuLoadResult> later)
    {
        var used = false;
        return () =>
        {
            if (used) return later();
            used = true;
            return first;
        };
    }
}
