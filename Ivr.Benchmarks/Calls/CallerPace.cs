namespace Ivr.Benchmarks.Calls;

/// <summary>How fast a virtual caller acts, in real time (already divided by the simulator's speed).</summary>
/// <param name="Listen">How long a caller listens to a prompt before keying the answer.</param>
/// <param name="KeyGap">Pause between two keys, on top of the 200 ms a key takes to send.</param>
public sealed record CallerPace(TimeSpan Listen, TimeSpan KeyGap)
{
    public static CallerPace Of(CallsOptions options) =>
        new(TimeSpan.FromSeconds(options.ListenSeconds / options.Speed), TimeSpan.FromSeconds(options.KeyGapSeconds / options.Speed));
}
