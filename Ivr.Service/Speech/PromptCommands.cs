using Ivr.Service.Speech.Azure;
using Ivr.Service.Speech.Build;
using Ivr.Service.Speech.Lint;

namespace Ivr.Service.Speech;

/// <summary>`ivr prompts build|lint`: renders the catalogue for Asterisk and checks it. Run from the repository root or pass paths.</summary>
public static class PromptCommands
{
    const string Usage = """
        usage: ivr prompts build [--catalog prompts/catalog.yaml] [--sounds prompts/sounds] [--engine espeak|azure] [--force] [--parallel N]
               ivr prompts lint  [--catalog prompts/catalog.yaml] [--sounds prompts/sounds] [--menus menus] [--max-chars LANG=N]... [--strict]
        The engine is Azure AI Speech when a key is configured (Speech:Azure:Key or IVR_AZURE_SPEECH_KEY), espeak-ng otherwise.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            (args.Length == 0 ? Console.Error : Console.Out).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            return args[0] switch
            {
                "build" => await BuildAsync(args[1..]),
                "lint" => Lint(args[1..]),
                _ => throw new ArgumentException($"ivr prompts: unknown verb '{args[0]}'\n{Usage}"),
            };
        }
        catch (Exception e) when (e is ArgumentException or PromptCatalogException or FileNotFoundException or InvalidDataException or SpeechRenderException or AzureSpeechException)
        {
            Console.Error.WriteLine(e.Message);
            return e is ArgumentException ? 2 : 1;
        }
    }

    static async Task<int> BuildAsync(string[] args)
    {
        var o = CommandOptions.Parse("build", args, ["--catalog", "--sounds", "--engine", "--parallel"], ["--force"]);
        var catalog = LoadCatalog(o);
        var settings = SpeechSettings.FromConfiguration(SpeechSettings.DefaultConfiguration());
        using var http = new HttpClient();
        var engine = settings.CreateSynthesizer(o.Get("--engine", ""), http, TimeProvider.System);
        var sounds = o.Get("--sounds", Path.Combine("prompts", "sounds"));
        Console.Error.WriteLine($"ivr prompts build: {catalog.Prompts.Count} prompts × {catalog.LanguageFolders.Count} languages with {engine.Engine} into {sounds}");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var result = await new PromptBuilder(engine).BuildAsync(catalog, sounds, o.Has("--force"), o.GetInt("--parallel", 0), cancel.Token);
        foreach (var error in result.Errors) Console.Error.WriteLine(error);
        Console.Error.WriteLine($"ivr prompts build: {result.Rendered} rendered, {result.Skipped} unchanged, {result.Errors.Count} failed");
        return result.Errors.Count == 0 ? 0 : 1;
    }

    static int Lint(string[] args)
    {
        var o = CommandOptions.Parse("lint", args, ["--catalog", "--sounds", "--menus", "--max-chars"], ["--strict"]);
        var catalog = LoadCatalog(o);
        var limits = LintOptions.Default.WithLimits(o.All("--max-chars"));
        var findings = PromptLinter.Lint(catalog, o.Get("--menus", "menus"), o.Get("--sounds", Path.Combine("prompts", "sounds")), limits);
        foreach (var f in findings) Console.Out.WriteLine(f);
        var errors = findings.Count(f => f.Severity == LintSeverity.Error);
        var warnings = findings.Count - errors;
        Console.Error.WriteLine($"ivr prompts lint: {errors} errors, {warnings} warnings");
        return errors > 0 || (o.Has("--strict") && warnings > 0) ? 1 : 0;
    }

    static PromptCatalog LoadCatalog(CommandOptions o)
    {
        var path = o.Get("--catalog", Path.Combine("prompts", "catalog.yaml"));
        if (!File.Exists(path))
            throw new FileNotFoundException($"{Path.GetFullPath(path)} not found: run from the repository root or pass --catalog PATH");
        return PromptCatalog.Load(path);
    }
}
