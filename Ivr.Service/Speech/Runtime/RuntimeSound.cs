namespace Ivr.Service.Speech.Runtime;

/// <summary>
/// A text rendered for a call: <see cref="Sound"/> is what ARI plays after <c>sound:</c> (runtime/&lt;hash&gt;, found
/// in the channel's language folder), or null with <see cref="Problem"/> saying why the text cannot be heard.
/// </summary>
public sealed record RuntimeSound(string? Sound, string? Problem)
{
    public static RuntimeSound Failed(string problem) => new(null, problem);
}
