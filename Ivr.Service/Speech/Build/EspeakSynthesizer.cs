namespace Ivr.Service.Speech.Build;

/// <summary>Offline engine: espeak-ng speaks the text (SSML mode, so pauses work) and sox converts it to Asterisk's formats.</summary>
public sealed class EspeakSynthesizer(EspeakOptions options) : ISpeechSynthesizer
{
    readonly Lazy<Task<HashSet<string>>> installedVoices = new(() => InstalledVoicesAsync(options.EspeakPath));
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string?>>> voiceProblems = new(StringComparer.Ordinal);

    public string Engine => "espeak-ng";

    public string Describe(SpeechRequest request) => $"espeak-ng voice={VoiceOf(request.Language)} speed={options.WordsPerMinute}";

    public async Task RenderAsync(SpeechRequest request, RenderTarget target, CancellationToken cancellationToken)
    {
        var spoken = Path.Combine(Path.GetDirectoryName(target.WavPath)!, $".{Path.GetFileName(target.WavPath)}.{Guid.NewGuid():N}.espeak.wav");
        try
        {
            var ssml = $"<speak>{SpeechText.ToSsmlFragment(request.Text)}</speak>";
            var voice = VoiceOf(request.Language);
            if (await voiceProblems.GetOrAdd(request.Language, language => new(() => CheckVoiceAsync(language, voice))).Value is { } problem)
                throw new SpeechRenderException($"{request}: {problem}");
            await ExternalProgram.RunAsync(options.EspeakPath,
                ["-m", "-v", voice, "-s", options.WordsPerMinute.ToString(), "-w", spoken, ssml], cancellationToken);
            await SoxConvert.ToAsteriskFormatsAsync(options.SoxPath, spoken, target, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new SpeechRenderException($"{request}: espeak-ng could not render it: {e.Message}", e);
        }
        finally
        {
            File.Delete(spoken);
        }
    }

    /// <summary>
    /// Why the voice of a language would not speak it, or null. espeak-ng falls back to its default voice without a
    /// word when asked for one it lacks, and Debian 12's `cmn` voice reads Chinese characters as pinyin spelled out
    /// in English ("ni three hao three"): both would render every prompt without an error, so they are caught here.
    /// </summary>
    async Task<string?> CheckVoiceAsync(string language, string voice)
    {
        if (!(await installedVoices.Value).Contains(voice))
            return $"espeak-ng has no voice '{voice}' (see `espeak-ng --voices`); set Speech:Espeak:Voices:{language}";
        if (!options.ProbeTexts.TryGetValue(language, out var probe)) return null;
        var phonemes = (await ExternalProgram.RunAsync(options.EspeakPath, ["-q", "-x", "-v", voice, probe], CancellationToken.None)).Trim();
        return phonemes.Contains("(en)", StringComparison.Ordinal)
            ? $"espeak-ng voice '{voice}' does not speak {language}: it reads '{probe}' as English ({phonemes}); use cmn-latn-pinyin (Speech:Espeak:Voices:{language})"
            : null;
    }

    /// <summary>Names espeak-ng accepts for -v: the language column and the voice file of `espeak-ng --voices`.</summary>
    static async Task<HashSet<string>> InstalledVoicesAsync(string espeak)
    {
        var voices = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var line in (await ExternalProgram.RunAsync(espeak, ["--voices"], CancellationToken.None)).Split('\n').Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length < 5) continue;
                voices.Add(columns[1]);
                voices.Add(columns[4]);
                voices.Add(Path.GetFileName(columns[4]));
            }
        }
        catch (InvalidOperationException e)
        {
            throw new SpeechRenderException($"espeak-ng cannot list its voices: {e.Message}");
        }
        return voices;
    }

    string VoiceOf(string language) => options.Voices.TryGetValue(language, out var v) ? v
        : throw new SpeechRenderException($"no espeak-ng voice for language '{language}' (configure Speech:Espeak:Voices:{language})");
}

/// <summary>espeak-ng settings (configuration section Speech:Espeak).</summary>
public sealed record EspeakOptions
{
    public string EspeakPath { get; init; } = "espeak-ng";
    public string SoxPath { get; init; } = "sox";
    /// <summary>Slower than espeak's 175 so callers on a narrowband line keep up.</summary>
    public int WordsPerMinute { get; init; } = 150;
    public IReadOnlyDictionary<string, string> Voices { get; init; } = new Dictionary<string, string>
    {
        ["zh-CN"] = "cmn-latn-pinyin",
        ["en-US"] = "en-us",
    };
    /// <summary>A word per language the voice must speak without switching to English (see CheckVoiceAsync).</summary>
    public IReadOnlyDictionary<string, string> ProbeTexts { get; init; } = new Dictionary<string, string> { ["zh-CN"] = "你好" };
}
