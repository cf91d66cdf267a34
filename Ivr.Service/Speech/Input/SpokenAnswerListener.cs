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

    /// <summary>Refuses limits Asterisk would reject or that would leave a caller's answer unheard, naming the setting.</summary>
    public void Validate()
    {
        if (Format is not ("sln16" or "sln" or "wav"))
            throw new ArgumentException($"Speech:Listen:Format '{Format}' cannot be sent to Azure; use sln16, sln or wav");
        if (MaxSeconds is < 1 or > 60) throw new ArgumentException($"Speech:Listen:MaxSeconds {MaxSeconds} must be 1 to 60 (Azure short audio takes 60 s)");
        if (MaxSilenceSeconds < 1 || MaxSilenceSeconds > MaxSeconds)
            throw new ArgumentException($"Speech:Listen:MaxSilenceSeconds {MaxSilenceSeconds} must be at least 1 and at most MaxSeconds ({MaxSeconds})");
        if (TerminateOn != "any")
            throw new ArgumentException($"Speech:Listen:TerminateOn '{TerminateOn}' must be 'any': every key has to end the recording so the menu can take it");
    }
}

/// <summary>
/// Listens for a caller's spoken answer to a menu: records the channel through ARI until silence, fetches and
/// deletes the stored recording, has Azure recognise it, and matches the text against the node's keywords.
/// </summary>
public sealed class SpokenAnswerListener(IAriClient ari, AzureSpeechRecognizer recognizer, SpeechListenOptions options)
{
    /// <summary>How long a cancelled listen waits for Asterisk to end its recording before deleting the stored file.</summary>
    static readonly TimeSpan RecordingEndWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Records the caller's answer under <paramref name="recordingName"/> (a fresh name when null) and recognises it.
    /// Cancelled (a key was pressed), the recording is discarded before the cancellation reaches the caller, so no
    /// stored file is left behind whichever way listening ends.
    /// </summary>
    public async Task<SpokenAnswer> ListenAsync(string channelId, string language, KeywordMatcher keywords, CancellationToken cancellationToken,
        string? recordingName = null)
    {
        var name = recordingName ?? $"ivr-speech-{channelId}-{Guid.NewGuid():N}";
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
        catch (OperationCanceledException)
        {
            // The request may have reached Asterisk before it was cancelled.
            await DiscardAsync(ari, name);
            throw;
        }
        RecordingResult ended;
        try
        {
            ended = await recording.Completion.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await ari.Recordings.CancelAsync(name, CancellationToken.None).IgnoreNotFound();
            // A recording that had already ended (a key with terminateOn) is stored once its end is reported.
            try { await recording.Completion.WaitAsync(RecordingEndWait); }
            catch (TimeoutException) { /* the delete below still removes whatever was stored */ }
            await ari.Recordings.DeleteStoredAsync(name, CancellationToken.None).IgnoreNotFound();
            throw;
        }
        // Asterisk finishes a recording as done when the caller hangs up, before the channel's own end arrives.
        var hungUp = ended.Outcome == AriHandleOutcome.ChannelGone || await ari.Channels.GetAsync(channelId, CancellationToken.None).IgnoreNotFound() is null;
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

    /// <summary>
    /// Removes a recording another listener may have left: stopped and discarded if still live, deleted if stored
    /// (an instance that died while listening leaves its recording running on the channel).
    /// </summary>
    public static async Task DiscardAsync(IAriClient ari, string recordingName)
    {
        await ari.Recordings.CancelAsync(recordingName, CancellationToken.None).IgnoreNotFound();
        await ari.Recordings.DeleteStoredAsync(recordingName, CancellationToken.None).IgnoreNotFound();
    }
}
