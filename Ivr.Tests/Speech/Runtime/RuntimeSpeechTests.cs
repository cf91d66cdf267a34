using Ivr.Menus.Engine;
using Ivr.Service.Calls.Menu;
using Ivr.Service.Speech.Audio;
using Ivr.Service.Speech.Build;
using Ivr.Service.Speech.Runtime;
using Ivr.Service.Speech.Values;
using Microsoft.Extensions.Configuration;
using ValueKind = Ivr.Menus.Model.ValueKind;

namespace Ivr.Tests.Speech.Runtime;

public sealed class RuntimeSpeechTests : IDisposable
{
    const string Seller = "深圳某某科技有限公司";
    readonly TempFolder _dir = new();
    readonly CountingSynthesizer _engine = new(new EspeakSynthesizer(new EspeakOptions()));

    RuntimeSpeech Speech(int cacheFiles = 100, double timeoutSeconds = 15, ISpeechSynthesizer? engine = null) =>
        new(engine ?? _engine, new RuntimeSpeechOptions
        {
            RuntimeSoundsDirectory = _dir.Path, RuntimeCacheFiles = cacheFiles, RuntimeRenderTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        });

    string Wav(RuntimeSound sound, string folder = "zh") => _dir.Combine(folder, sound.Sound! + ".wav");

    [Fact]
    public async Task A_seller_name_is_rendered_as_the_8_kHz_mono_16_bit_wav_and_sln16_Asterisk_plays()
    {
        var sound = await Speech().RenderAsync(Seller, "zh-CN", "zh", CancellationToken.None);

        Assert.Null(sound.Problem);
        Assert.Matches("^runtime/[0-9a-f]{32}$", sound.Sound);
        var wav = WavInfo.Read(Wav(sound));
        Assert.Equal(new WavInfo(WavInfo.Pcm, Channels: 1, SampleRate: 8000, BitsPerSample: 16, wav.DataBytes), wav);
        Assert.True(wav.Duration > TimeSpan.FromMilliseconds(500), $"the name lasts {wav.Duration}");
        var sln16 = new FileInfo(Path.ChangeExtension(Wav(sound), ".sln16")).Length;
        Assert.InRange(sln16, wav.DataBytes * 2 - 64, wav.DataBytes * 2 + 64);
        Assert.Empty(Directory.GetFiles(_dir.Combine("zh", "runtime"), "*.tmp"));
    }

    [Fact]
    public async Task A_text_already_rendered_is_played_from_the_cache_without_rendering_again()
    {
        var speech = Speech();
        var first = await speech.RenderAsync(Seller, "zh-CN", "zh", CancellationToken.None);
        var again = await speech.RenderAsync(Seller, "zh-CN", "zh", CancellationToken.None);
        var afterRestart = await Speech().RenderAsync(Seller, "zh-CN", "zh", CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Equal(first, afterRestart);
        Assert.Equal(1, _engine.Renders);
        Assert.Equal(speech.SoundOf(Seller, "zh-CN"), first.Sound);
    }

    [Fact]
    public async Task Calls_asking_for_the_same_text_at_once_share_one_render()
    {
        var speech = Speech();
        _engine.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, 5).Select(_ => speech.RenderAsync(Seller, "zh-CN", "zh", CancellationToken.None)).ToList();
        while (_engine.Renders == 0) await Task.Delay(10);
        _engine.Gate.SetResult();
        var sounds = await Task.WhenAll(calls);

        Assert.Equal(1, _engine.Renders);
        Assert.All(sounds, s => Assert.Equal(sounds[0], s));
        Assert.True(File.Exists(Wav(sounds[0])));
    }

    [Fact]
    public async Task Languages_voices_and_texts_get_their_own_files()
    {
        var speech = Speech();
        var zh = await speech.RenderAsync(Seller, "zh-CN", "zh", CancellationToken.None);
        var en = await speech.RenderAsync("Acme Trading", "en-US", "en", CancellationToken.None);
        var other = await speech.RenderAsync("广州某某贸易有限公司", "zh-CN", "zh", CancellationToken.None);

        Assert.Equal(3, new[] { zh.Sound, en.Sound, other.Sound }.Distinct().Count());
        Assert.True(File.Exists(Wav(en, "en")));
        Assert.NotEqual(zh.Sound, new RuntimeSpeech(new EspeakSynthesizer(new EspeakOptions { WordsPerMinute = 120 }),
            new RuntimeSpeechOptions { RuntimeSoundsDirectory = _dir.Path }).SoundOf(Seller, "zh-CN"));
    }

    [Fact]
    public async Task The_cache_keeps_the_most_recently_played_texts_up_to_its_limit()
    {
        var speech = Speech(cacheFiles: 2);
        var a = await speech.RenderAsync("甲公司", "zh-CN", "zh", CancellationToken.None);
        var b = await speech.RenderAsync("乙公司", "zh-CN", "zh", CancellationToken.None);
        File.SetLastWriteTimeUtc(Wav(a), DateTime.UtcNow.AddMinutes(-10));
        File.SetLastWriteTimeUtc(Wav(b), DateTime.UtcNow.AddMinutes(-5));
        await speech.RenderAsync("甲公司", "zh-CN", "zh", CancellationToken.None); // played again: now the most recent
        var c = await speech.RenderAsync("丙公司", "zh-CN", "zh", CancellationToken.None);

        Assert.True(File.Exists(Wav(a)));
        Assert.False(File.Exists(Wav(b)));
        Assert.False(File.Exists(Path.ChangeExtension(Wav(b), ".sln16")));
        Assert.True(File.Exists(Wav(c)));
        Assert.Equal(3, _engine.Renders);
    }

    [Fact]
    public async Task An_engine_that_fails_leaves_the_text_out_with_its_reason()
    {
        var broken = new EspeakSynthesizer(new EspeakOptions { EspeakPath = _dir.Combine("no-espeak-here") });
        var sound = await Speech(engine: broken).RenderAsync(Seller, "zh-CN", "zh", CancellationToken.None);

        Assert.Null(sound.Sound);
        Assert.Contains("cannot be spoken", sound.Problem);
        Assert.Contains("no-espeak-here", sound.Problem);
        Assert.False(Directory.Exists(_dir.Combine("zh", "runtime")) && Directory.EnumerateFiles(_dir.Combine("zh", "runtime")).Any());
    }

    [Fact]
    public async Task A_failure_is_logged_as_a_warning_without_the_text_itself()
    {
        var log = new WarningLog();
        var broken = new EspeakSynthesizer(new EspeakOptions { EspeakPath = _dir.Combine("no-espeak-here") });
        await new RuntimeSpeech(broken, new RuntimeSpeechOptions { RuntimeSoundsDirectory = _dir.Path }, log)
            .RenderAsync(Seller, "zh-CN", "zh", CancellationToken.None);

        var line = Assert.Single(log.Warnings);
        Assert.StartsWith("A runtime text (zh-CN, 10 characters) was left out: espeak-ng could not render it:", line);
        Assert.DoesNotContain(Seller, line);
    }

    [Fact]
    public async Task A_render_slower_than_the_timeout_is_given_up_and_rendered_afresh_next_time()
    {
        var speech = Speech(timeoutSeconds: 0.2);
        _engine.Gate = new TaskCompletionSource();
        var slow = await speech.RenderAsync(Seller, "zh-CN", "zh", CancellationToken.None);

        Assert.Null(slow.Sound);
        Assert.Contains("did not finish within 0.2 s", slow.Problem);
        _engine.Gate.SetResult();
        Assert.NotNull((await Speech().RenderAsync(Seller, "zh-CN", "zh", CancellationToken.None)).Sound);
    }

    [Theory]
    [InlineData("", "there is no text to say")]
    [InlineData("  \n ", "there is no text to say")]
    [InlineData("[][]", "there is no text to say")]
    public async Task Empty_text_is_refused_without_rendering(string text, string reason)
    {
        var sound = await Speech().RenderAsync(text, "zh-CN", "zh", CancellationToken.None);

        Assert.Contains(reason, sound.Problem);
        Assert.Equal(0, _engine.Renders);
    }

    [Fact]
    public async Task Text_too_long_to_read_out_is_refused_naming_the_limit()
    {
        var sound = await Speech().RenderAsync(new string('公', RuntimeSpeech.MaxTextLength + 1), "zh-CN", "zh", CancellationToken.None);

        Assert.Contains($"more than the {RuntimeSpeech.MaxTextLength}", sound.Problem);
        Assert.Equal(0, _engine.Renders);
    }

    [Fact]
    public async Task Brackets_in_a_name_are_spoken_as_text_not_read_as_pause_markers()
    {
        var sound = await Speech().RenderAsync("某某[北京]公司", "zh-CN", "zh", CancellationToken.None);

        Assert.Null(sound.Problem);
        Assert.True(File.Exists(Wav(sound)));
    }

    [Fact]
    public async Task A_menu_play_with_text_is_played_with_the_rendered_sound_among_its_prompts()
    {
        var speech = Speech();
        var play = new CallCommand.Play("p1", "zh-CN", [new Spoken.Prompt("invoice-seller-is"), new Spoken.Value(ValueKind.Text, Seller),
            new Spoken.Value(ValueKind.Amount, "2.00")]);
        var media = await MenuMedia.ForAsync(play, _ => "zh", speech, CancellationToken.None);

        Assert.Equal(["sound:invoice-seller-is", "sound:" + speech.SoundOf(Seller, "zh-CN"),
            .. ValueSpeakers.Speak("amount", "2.00", "zh-CN").Select(w => "sound:" + w)], media.Media);
        Assert.Empty(media.Problems);
    }

    [Fact]
    public async Task A_menu_play_whose_text_cannot_be_rendered_keeps_the_rest_and_names_the_problem()
    {
        var broken = new EspeakSynthesizer(new EspeakOptions { EspeakPath = _dir.Combine("no-espeak-here") });
        var play = new CallCommand.Play("p1", "zh-CN", [new Spoken.Prompt("invoice-seller-is"), new Spoken.Value(ValueKind.Text, Seller),
            new Spoken.Prompt("invoice-date-is")]);
        var media = await MenuMedia.ForAsync(play, _ => "zh", Speech(engine: broken), CancellationToken.None);

        Assert.Equal(["sound:invoice-seller-is", "sound:invoice-date-is"], media.Media);
        Assert.Contains(media.Problems, p => p.StartsWith("playback p1: text of 10 characters (zh-CN) cannot be spoken", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Speech:RuntimeRenderTimeout", "00:00:00", "Speech:RuntimeRenderTimeout must be positive")]
    [InlineData("Speech:RuntimeCacheFiles", "0", "Speech:RuntimeCacheFiles must be at least 1")]
    public void Bad_settings_are_refused_naming_the_key(string key, string value, string message)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        Assert.StartsWith(message, Assert.Throws<ArgumentException>(() => RuntimeSpeechOptions.FromConfiguration(config, _dir.Path)).Message);
    }

    [Fact]
    public void The_sounds_folder_defaults_to_the_prompt_builds_and_a_relative_one_is_taken_from_the_content_root()
    {
        var none = RuntimeSpeechOptions.FromConfiguration(new ConfigurationBuilder().Build(), _dir.Path);
        var set = RuntimeSpeechOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Speech:RuntimeSoundsDirectory"] = "shared/sounds", ["Speech:RuntimeRenderTimeout"] = "00:00:05" }).Build(), _dir.Path);

        Assert.Equal(_dir.Combine("prompts", "sounds"), none.RuntimeSoundsDirectory);
        Assert.Equal(TimeSpan.FromSeconds(3), none.RuntimeRenderTimeout);
        Assert.Equal(_dir.Combine("shared", "sounds"), set.RuntimeSoundsDirectory);
        Assert.Equal(TimeSpan.FromSeconds(5), set.RuntimeRenderTimeout);
    }

    public void Dispose() => _dir.Dispose();
}
