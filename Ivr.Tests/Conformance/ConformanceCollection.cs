namespace Ivr.Tests.Conformance;

/// <summary>
/// The trace replays run alone, after the parallel tests: they compare the simulator with Asterisk's own clock
/// (a recording stopped 16 s after it started must say 16), and on two cores shared with a hundred other test
/// classes a request sent on time can reach the simulator a second late.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConformanceCollection
{
    public const string Name = "trace replays";
}
