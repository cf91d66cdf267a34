using Ivr.Service.Speech;
using Ivr.Service.Speech.Build;
using Ivr.Service.Speech.Lint;

namespace Ivr.Tests.Speech;

public class PromptLintTests
{
    const string Prompts = """
          welcome:
            zh-CN: 您好，欢迎致电。
            en-US: Welcome.
          orphan:
            zh-CN: 没有菜单用我。
            en-US: No menu uses me.
          num-5:
            zh-CN: 五
            en-US: five

        """;

    static async Task<(TempFolder Dir, string Catalog)> BuiltAsync()
    {
        var dir = new TempFolder();
        var catalog = dir.WriteCatalog(Prompts);
        Directory.CreateDirectory(dir.Combine("menus"));
        File.WriteAllText(dir.Combine("menus", "main.yaml"), "main:\n  prompt: welcome\n  play: [sound:welcome]\n");
        var result = await new PromptBuilder(new EspeakSynthesizer(new EspeakOptions())).BuildAsync(PromptCatalog.Load(catalog), dir.Combine("sounds"));
        Assert.Empty(result.Errors);
        return (dir, catalog);
    }

    static IReadOnlyList<LintFinding> Lint(TempFolder dir, string catalog, LintOptions? options = null) =>
        PromptLinter.Lint(PromptCatalog.Load(catalog), dir.Combine("menus"), dir.Combine("sounds"), options ?? LintOptions.Default);

    [Fact]
    public async Task A_built_catalogue_only_warns_about_the_prompt_no_menu_uses()
    {
        var (dir, catalog) = await BuiltAsync();
        using var _ = dir;

        var finding = Assert.Single(Lint(dir, catalog));
        Assert.Equal($"{catalog}:8: warning: prompt 'orphan': no menu in {dir.Combine("menus")} uses it; remove it or refer to it from a menu", finding.ToString());
    }

    [Fact]
    public async Task Audio_older_than_its_text_and_missing_audio_are_errors()
    {
        var (dir, catalog) = await BuiltAsync();
        using var _ = dir;
        File.WriteAllText(catalog, File.ReadAllText(catalog).Replace("Welcome.", "Welcome to 12366."));
        File.Delete(dir.Combine("sounds", "zh", "num-5.wav"));

        var errors = Lint(dir, catalog).Where(f => f.Severity == LintSeverity.Error).Select(f => (f.PromptId, f.Line, string.Join(' ', f.Message.Split(' ')[..4]))).ToList();

        Assert.Equal([("welcome", 5, "en-US audio is older"), ("num-5", 11, "no zh-CN audio in")], errors);
    }

    [Fact]
    public async Task Texts_longer_than_the_limit_of_their_language_are_errors_with_a_configurable_limit()
    {
        var (dir, catalog) = await BuiltAsync();
        using var _ = dir;

        var findings = Lint(dir, catalog, LintOptions.Default.WithLimits(["zh-CN=6", "en-US=8"]));

        Assert.Contains(findings, f => f is { PromptId: "orphan", Severity: LintSeverity.Error } && f.Message == "zh-CN text is 7 characters, more than 6; split it into shorter prompts");
        Assert.Contains(findings, f => f is { PromptId: "orphan", Severity: LintSeverity.Error } && f.Message.StartsWith("en-US text is 16 characters", StringComparison.Ordinal));
        Assert.Contains(findings, f => f is { PromptId: "welcome" } && f.Message.StartsWith("zh-CN text is 8 characters", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.PromptId == "num-5");
        Assert.Equal("--max-chars 'zh-CN' must be LANG=N, e.g. zh-CN=60",
            Assert.Throws<ArgumentException>(() => LintOptions.Default.WithLimits(["zh-CN"])).Message);
    }

    [Fact]
    public void A_hotline_number_written_in_digits_in_Mandarin_gets_a_warning_with_the_spoken_form()
    {
        using var dir = new TempFolder();
        var catalog = dir.WriteCatalog("  call-us:\n    zh-CN: 请拨打12366。\n    en-US: Call 12366.\n");

        var finding = Assert.Single(PromptLinter.Lint(PromptCatalog.Load(catalog), dir.Combine("menus"), dir.Combine("sounds"), LintOptions.Default),
            f => f.Message.Contains("read as one number", StringComparison.Ordinal));
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal("zh-CN: '12366' is read as one number by the engines; for a phone number or id write it as hotlines say it (幺二三六六)", finding.Message);
    }

    [Fact]
    public void A_missing_language_and_a_malformed_pause_are_errors_even_before_anything_is_built()
    {
        using var dir = new TempFolder();
        var catalog = dir.WriteCatalog("  welcome:\n    zh-CN: 您好[pause long]\n");

        var messages = PromptLinter.Lint(PromptCatalog.Load(catalog), dir.Combine("menus"), dir.Combine("sounds"), LintOptions.Default)
            .Select(f => f.Message).ToList();

        Assert.Contains("zh-CN: '[pause long]' is not a pause marker; write [pause 300ms] (at most 5000 ms)", messages);
        Assert.Contains("no en-US text; every prompt is spoken in every language", messages);
        Assert.Contains(PromptLinter.Lint(PromptCatalog.Load(catalog), dir.Combine("menus"), dir.Combine("sounds"), LintOptions.Default).Select(f => f.ToString()),
            line => line == $"{dir.Combine("menus")}: warning: menus folder not found, so unused prompts were not checked; pass --menus DIR");
    }
}
