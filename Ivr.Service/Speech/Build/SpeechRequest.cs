namespace Ivr.Service.Speech.Build;

/// <summary>One prompt in one language to be spoken; <see cref="Voice"/> and <see cref="Style"/> are the catalogue's optional overrides.</summary>
public sealed record SpeechRequest(string PromptId, string Language, string Text, string? Voice, string? Style)
{
    /// <summary>Names the prompt in errors the way a supervisor finds it in the catalogue.</summary>
    public override string ToString() => $"prompt '{PromptId}' ({Language})";
}

/// <summary>Where one prompt's audio goes: 8 kHz 16-bit mono WAV and 16 kHz raw signed linear (Asterisk sln16).</summary>
public sealed record RenderTarget(string WavPath, string Sln16Path);

/// <summary>A text-to-speech engine that renders prompts in Asterisk's formats.</summary>
public interface ISpeechSynthesizer
{
    /// <summary>Engine name recorded in the manifest (espeak-ng, azure).</summary>
    string Engine { get; }

    /// <summary>Everything besides the text that changes the audio (engine, resolved voice, rate); part of the content hash.</summary>
    string Describe(SpeechRequest request);

    /// <summary>Renders the request into both target files; a failure names the prompt and language.</summary>
    Task RenderAsync(SpeechRequest request, RenderTarget target, CancellationToken cancellationToken);
}

/// <summary>An engine could not render a prompt; the message names the prompt id, the language and the engine's reason.</summary>
public sealed class SpeechRenderException(string message, Exception? inner = null) : Exception(message, inner);
