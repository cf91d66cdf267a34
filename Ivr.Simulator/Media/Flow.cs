namespace Ivr.Simulator.Media;

/// <summary>What a channel sends to its Local peer: no frames at all, silence frames, or voice (talk-detect trace).</summary>
internal enum Sending { Nothing, Silence, Voice }

/// <summary>Audio moving one way through a channel: what kind of frames, and where they come from.</summary>
internal readonly record struct Flow(Sending Kind, string Source)
{
    public static readonly Flow None = new(Sending.Nothing, Heard.Silence.Source);

    /// <summary>A phone's own line: silence frames (or none) with no named source, voice while someone talks.</summary>
    public static Flow Line(Sending kind) => kind == Sending.Voice ? new(kind, "voice") : new(kind, Heard.Silence.Source);

    /// <summary>From a phone's line rather than a named source; a Dial() names the callee instead, a Local pair passes a named source on.</summary>
    public bool IsLine => Source is "voice" || Source == Heard.Silence.Source;

    public static Flow Moh(string mohClass) => new(Sending.Voice, "moh:" + mohClass);

    /// <summary>A media item as it plays: <c>sound:silence/N</c> sends silence frames, anything else voice.</summary>
    public static Flow Of(string mediaUri) =>
        new(mediaUri.StartsWith("sound:silence/", StringComparison.Ordinal) ? Sending.Silence : Sending.Voice, mediaUri);

    public Heard ToHeard() => new(Source, Kind == Sending.Voice);
}
