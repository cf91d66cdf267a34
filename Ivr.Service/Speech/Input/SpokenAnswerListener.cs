using Ivr.Ari;
using Ivr.Ari.Errors;
using Ivr.Ari.Handles;
using Ivr.Service.Speech.Audio;
using Ivr.Service.Speech.Azure;

namespace Ivr.Service.Speech.Input;

/// <summary>How listening for a spoken answer ended.</summary>
public enum SpokenAnswerOutcome { Matched, NotUnderstood, Silence, HungUp, Failed }

/// <summary>The outcome, the choice when one matched, what Azure heard, and why listening failed when it did.</summary>
public sealed record SpokenAnswer(SpokenAnswerOutcome Outcome, KeywordMatch? Match = null, RecognitionResult? Recognition = null, string? Failure = null);

/// <summary>Recording limits for a spoken answer (configuration section Speech:Listen).</summary>
public sealed record SpeechListenOptions
{
    /// <summary>sln16 keeps wideband audio; on narrowband calls Asterisk fills it from 8 kHz.</summary>
    public string Format { get; init; } = "sln16";
    public int MaxSeconds { get; init; } = 8;
    /// <summary>The answer is over after this much silence.</summary>
    public int MaxSilenceSeconds { get; init; } = 2;
    /// <summary>A key pressed while speaking ends the recording; the call still sees the DTMF event and takes the key.</summary>
    public string TerminateOn { get; init; } = "any";
}

/// <summary>
/// Listens for a caller's spoken answer to a menu: records the channel through ARI until silence, fetches and
/// deletes the stored recording, has Azure recognise it, and matches the text against the node's keywords.
/// </summary>
public sealed class SpokenAnswerListener(IAriClient ari, AzureSpeechRecognizer recognizer, SpeechListenOptions options)
{
    public async Task<SpokenAnswer> ListenAsync(string channelId, string language, KeywordMatcher keywords, CancellationToken cancellationToken)
    {
        var name = $"ivr-speech-{channelId}-{Guid.NewGuid():N}";
        RecordingHandle recording;
        try
        {
            recording = await ari.Channels.StartRecordingAsync(channelId, name, options.Format, options.MaxSeconds, options.MaxSilenceSeconds,
                ifExists: "overwrite", beep: false, terminateOn: options.TerminateOn, cancellationToken: cancellationToken);
        }
        catch (AriException e) when (e.Kind == AriErrorKind.NotFound)
        {
            return new SpokenAnswer(SpokenAnswerOutcome.HungUp);
        }
        var ended = await recording.Completion.WaitAsync(cancellationToken);
        // Asterisk finishes a recording as done when the caller hangs up, before the channel's own end arrives.
        var hungUp = ended.Outcome == AriHandleOutcome.ChannelGone || await ari.Channels.GetAsync(channelId, cancellationToken).IgnoreNotFound() is null;
        if (hungUp || ended.Outcome != AriHandleOutcome.Done)
        {
            await ari.Recordings.DeleteStoredAsync(name, CancellationToken.None).IgnoreNotFound();
            return hungUp ? new SpokenAnswer(SpokenAnswerOutcome.HungUp)
                : new SpokenAnswer(SpokenAnswerOutcome.Failed, Failure: $"recording {name} ended {ended.Outcome}: {ended.Recording?.Cause}");
        }
        byte[] audio;
        try
        {
            audio = await ari.Recordings.GetStoredFileAsync(name, cancellationToken);
        }
        finally
        {
            // Callers' voices are personal data: the stored copy goes as soon as it is read.
            await ari.Recordings.DeleteStoredAsync(name, CancellationToken.None).IgnoreNotFound();
        }
        RecognitionResult heard;
        try
        {
            heard = await recognizer.RecognizeAsync(RecordedAudio.ToWav16k(audio, options.Format), language, cancellationToken);
        }
        catch (Exception e) when (e is AzureSpeechException or InvalidDataException)
        {
            return new SpokenAnswer(SpokenAnswerOutcome.Failed, Failure: e.Message);
        }
        return heard.Status switch
        {
            RecognitionStatus.Success => keywords.Match(heard) is { } match
                ? new SpokenAnswer(SpokenAnswerOutcome.Matched, match, heard)
                : new SpokenAnswer(SpokenAnswerOutcome.NotUnderstood, Recognition: heard),
            RecognitionStatus.NoMatch => new SpokenAnswer(SpokenAnswerOutcome.NotUnderstood, Recognition: heard),
            RecognitionStatus.InitialSilenceTimeout or RecognitionStatus.BabbleTimeout => new SpokenAnswer(SpokenAnswerOutcome.Silence, Recognition: heard),
            _ => new SpokenAnswer(SpokenAnswerOutcome.Failed, Recognition: heard, Failure: $"Azure speech-to-text answered {heard.Status}"),
        };
    }
}
