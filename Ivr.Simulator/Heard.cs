namespace Ivr.Simulator;

/// <summary>
/// What a virtual caller or seat hears right now: <see cref="Source"/> names it (<c>silence</c>, <c>moh:default</c>,
/// <c>sound:queue-thankyou</c>, <c>bridge:&lt;bridge id&gt;:&lt;channel ids&gt;</c>, <c>dial:&lt;channel id&gt;</c>), and
/// <see cref="Voice"/> says whether sound (rather than silence or no frames at all) is arriving from it.
/// </summary>
public readonly record struct Heard(string Source, bool Voice)
{
    /// <summary>No audio, or only silence frames, from nowhere in particular.</summary>
    public static readonly Heard Silence = new("silence", false);

    public override string ToString() => Voice ? Source : Source + " (no voice)";
}
