using Ivr.Service.Speech;
using Ivr.Service.Speech.Audio;
using Ivr.Service.Speech.Build;

namespace Ivr.Tests.Speech;

public class PromptBuildTests
{
    const string TwoPrompts = """
          welcome:
            zh-CN: 您好，欢迎致电。[pause 200ms]请按一。
            en-US: Welcome. [pause 200ms] Press one.
          num-5:
            zh-CN: 五
            en-US: five
        """;

    [Fact]
    public async Task Espeak_renders_every_prompt_in_Asterisk_formats_for_both_languages()
    {
        using var dir = new TempFolder();
        var catalog = PromptCatalog.Load(dir.WriteCatalog(TwoPrompts + "\n"));
        var result = await new PromptBuilder(new EspeakSynthesizer(new EspeakOptions())).BuildAsync(catalog, dir.Combine("sounds"));

        Assert.Empty(result.Errors);
        Assert.Equal(4, result.Rendered);
        foreach (var file in new[] { "zh/welcome", "zh/num-5", "en/welcome", "en/num-5" })
        {
            var wav = WavInfo.Read(dir.Combine("sounds", file + ".wav"));
            Assert.Equal(new WavInfo(WavInfo.Pcm, Channels: 1, SampleRate: 8000, BitsPerSample: 16, wav.DataBytes), wav);
            Assert.True(wav.Duration > TimeSpan.FromMilliseconds(200), $"{file}.wav lasts {wav.Duration}");
            // 16 kHz raw has twice the samples of the 8 kHz file; resampling may round a few samples either way.
            var sln16 = new FileInfo(dir.Combine("sounds", file + ".sln16")).Length;
            Assert.Equal(0, sln16 % 2);
            Assert.InRange(sln16, wav.DataBytes * 2 - 64, wav.DataBytes * 2 + 64);
        }
        var manifest = PromptManifest.Load(dir.Combine("sounds"));
        Assert.Equal(WavInfo.Read(dir.Combine("sounds", "zh", "welcome.wav")).Duration.TotalMilliseconds,
            manifest.Prompts["zh/welcome"].DurationMs, tolerance: 1);
    }

    [Fact]
    public async Task A_second_build_renders_only_what_changed()
    {
        using var dir = new TempFolder();
        var builder = new PromptBuilder(new EspeakSynthesizer(new EspeakOptions()));
        var sounds = dir.Combine("sounds");
        await builder.BuildAsync(PromptCatalog.Load(dir.WriteCatalog(TwoPrompts + "\n")), sounds);
        var untouched = File.GetLastWriteTimeUtc(dir.Combine("sounds", "zh", "num-5.wav"));

        var same = await builder.BuildAsync(PromptCatalog.Load(dir.WriteCatalog(TwoPrompts + "\n")), sounds);
        Assert.Equal((0, 4), (same.Rendered, same.Skipped));

        var edited = await builder.BuildAsync(PromptCatalog.Load(dir.WriteCatalog(TwoPrompts.Replace("Press one.", "Press two.") + "\n")), sounds);
        Assert.Equal((1, 3), (edited.Rendered, edited.Skipped));
        Assert.Equal(untouched, File.GetLastWriteTimeUtc(dir.Combine("sounds", "zh", "num-5.wav")));

        File.Delete(dir.Combine("sounds", "en", "num-5.sln16"));
        var repaired = await builder.BuildAsync(PromptCatalog.Load(dir.WriteCatalog(TwoPrompts.Replace("Press one.", "Press two.") + "\n")), sounds);
        Assert.Equal((1, 3), (repaired.Rendered, repaired.Skipped));
        Assert.True(File.Exists(dir.Combine("sounds", "en", "num-5.sln16")));
    }

    [Fact]
    public async Task An_engine_failure_names_the_prompt_and_language_and_the_others_still_render()
    {
        using var dir = new TempFolder();
        var options = new EspeakOptions { Voices = new Dictionary<string, string> { ["zh-CN"] = "no-such-voice", ["en-US"] = "en-us" } };
        var result = await new PromptBuilder(new EspeakSynthesizer(options)).BuildAsync(PromptCatalog.Load(dir.WriteCatalog(TwoPrompts + "\n")), dir.Combine("sounds"));

        Assert.Equal(2, result.Rendered);
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.StartsWith("prompt 'welcome' (zh-CN): espeak-ng", StringComparison.Ordinal));
        Assert.True(File.Exists(dir.Combine("sounds", "en", "welcome.wav")));
        Assert.Empty(Directory.GetFiles(dir.Combine("sounds", "zh")));
    }

    [Fact]
    public async Task A_Mandarin_voice_that_reads_characters_as_English_pinyin_is_refused_instead_of_rendering_gibberish()
    {
        using var dir = new TempFolder();
        // Debian 12's espeak-ng 1.51 `cmn` voice says "ni three hao three" for 你好; the default cmn-latn-pinyin speaks Mandarin.
        var options = new EspeakOptions { Voices = new Dictionary<string, string> { ["zh-CN"] = "cmn", ["en-US"] = "en-us" } };
        var result = await new PromptBuilder(new EspeakSynthesizer(options)).BuildAsync(PromptCatalog.Load(dir.WriteCatalog(TwoPrompts + "\n")), dir.Combine("sounds"));

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Contains("espeak-ng voice 'cmn' does not speak zh-CN: it reads '你好' as English", e));
        Assert.Empty((await new PromptBuilder(new EspeakSynthesizer(new EspeakOptions())).BuildAsync(PromptCatalog.Load(dir.WriteCatalog(TwoPrompts + "\n")), dir.Combine("sounds"))).Errors);
    }

    [Fact]
    public async Task A_prompt_without_text_in_a_language_is_reported_at_its_catalogue_line()
    {
        using var dir = new TempFolder();
        var file = dir.WriteCatalog("  welcome:\n    zh-CN: 您好\n  bye:\n    en-US: Bye\n");
        var result = await new PromptBuilder(new EspeakSynthesizer(new EspeakOptions())).BuildAsync(PromptCatalog.Load(file), dir.Combine("sounds"));

        Assert.Equal([$"{file}:5: prompt 'welcome' has no en-US text; add `en-US: ...` under it", $"{file}:7: prompt 'bye' has no zh-CN text; add `zh-CN: ...` under it"],
            result.Errors.Order());
    }

    [Fact]
    public async Task Every_prompt_of_the_12366_catalogue_renders_with_espeak()
    {
        using var dir = new TempFolder();
        var result = await new PromptBuilder(new EspeakSynthesizer(new EspeakOptions())).BuildAsync(WordCatalog.Value, dir.Combine("sounds"));

        Assert.Empty(result.Errors);
        Assert.Equal(WordCatalog.Value.Prompts.Count * 2, result.Rendered);
    }
}

public class PromptAudioIndexTests
{
    [Fact]
    public async Task Prompts_removed_from_the_catalogue_lose_their_audio_and_the_index_says_what_cannot_play()
    {
        using var dir = new TempFolder();
        var builder = new PromptBuilder(new EspeakSynthesizer(new EspeakOptions()));
        var sounds = dir.Combine("sounds");
        File.WriteAllText(dir.Combine("foreign.wav"), "not ours");
        await builder.BuildAsync(PromptCatalog.Load(dir.WriteCatalog("  hello:\n    zh-CN: 你好\n    en-US: Hello\n  old:\n    zh-CN: 旧\n    en-US: Old\n")), sounds);
        Assert.True(File.Exists(dir.Combine("sounds", "en", "old.wav")));

        var catalog = PromptCatalog.Load(dir.WriteCatalog("  hello:\n    zh-CN: 你好\n    en-US: Hello\n  new:\n    zh-CN: 新\n"));
        await builder.BuildAsync(catalog, sounds);

        Assert.False(File.Exists(dir.Combine("sounds", "en", "old.wav")));
        Assert.False(File.Exists(dir.Combine("sounds", "zh", "old.sln16")));
        Assert.True(File.Exists(dir.Combine("foreign.wav")));
        var index = PromptAudioIndex.Load(catalog, sounds);
        Assert.Empty(index.Problems("hello"));
        Assert.Equal([$"prompt 'new' has no en-US audio in {Path.Combine(sounds, "en")}; run `ivr prompts build`"], index.Problems("new"));
        Assert.Equal([$"prompt 'old' is not in {catalog.File}; add it there with a text per language"], index.Problems("old"));
    }
}
