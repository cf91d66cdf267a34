using Ivr.Tests.Conformance.Sounds;
using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance;

/// <summary>The reference traces, loaded once, and the sound fixtures they imply.</summary>
public sealed class TraceFixture : IDisposable
{
    public IReadOnlyList<TraceScenario> All { get; } =
        TraceLoader.Discover(TraceDirectory.Path).Select(n => TraceLoader.Load(TraceDirectory.Path, n)).ToList();

    public SoundFixtures Sounds { get; }

    public TraceFixture() => Sounds = new SoundFixtures(SoundDurations.Derive(All));

    public void Dispose() => Sounds.Dispose();
}
