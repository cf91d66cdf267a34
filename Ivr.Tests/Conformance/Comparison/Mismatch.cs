namespace Ivr.Tests.Conformance.Comparison;

/// <summary>One way the simulator differs from the trace, worded so that the simulator's author can find the spot.</summary>
public sealed record Mismatch(string Scenario, string Where, string What)
{
    public override string ToString() => $"{Scenario}: {Where}: {What}";
}
