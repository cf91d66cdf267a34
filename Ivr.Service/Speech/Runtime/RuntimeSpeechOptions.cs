namespace Ivr.Service.Speech.Runtime;

/// <summary>Runtime text-to-speech settings, read from section Speech (keys Runtime…).</summary>
public sealed record RuntimeSpeechOptions
{
    /// <summary>
    /// The sounds root Asterisk reads (its language folders zh/, en/ …); rendered texts go to
    /// &lt;root&gt;/&lt;folder&gt;/runtime/. Default prompts/sounds, where <c>ivr prompts build</c>, scripts/run.sh and the simulator look.
    /// </summary>
    public string RuntimeSoundsDirectory { get; init; } = Path.Combine("prompts", "sounds");

    /// <summary>A caller waits for the render before hearing the prompt, so a slow engine costs the text, not the call.</summary>
    public TimeSpan RuntimeRenderTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Most rendered texts kept (all languages together); the least recently played are deleted beyond it.</summary>
    public int RuntimeCacheFiles { get; init; } = 2000;

    /// <summary>Reads section Speech; a relative directory is taken from <paramref name="contentRoot"/>. Bad values are refused naming the key.</summary>
    public static RuntimeSpeechOptions FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection("Speech").Get<RuntimeSpeechOptions>() ?? new RuntimeSpeechOptions();
        if (options.RuntimeRenderTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"Speech:RuntimeRenderTimeout must be positive, found {options.RuntimeRenderTimeout} (e.g. 00:00:03)");
        if (options.RuntimeCacheFiles < 1)
            throw new ArgumentException($"Speech:RuntimeCacheFiles must be at least 1, found {options.RuntimeCacheFiles}");
        return options with { RuntimeSoundsDirectory = Path.GetFullPath(options.RuntimeSoundsDirectory, contentRoot) };
    }
}
