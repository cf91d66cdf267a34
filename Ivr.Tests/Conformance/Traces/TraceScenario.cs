namespace Ivr.Tests.Conformance.Traces;

/// <summary>Everything recorded for one scenario of ../shared/ari-traces, loaded and checked.</summary>
public sealed record TraceScenario(
    string Name,
    string Directory,
    IReadOnlyList<RestExchange> Rest,
    IReadOnlyList<StepNote> Notes,
    IReadOnlyList<TraceEvent> Events,
    IReadOnlyList<SocketHappening> Sockets)
{
    /// <summary>REST calls and notes in file order, the order the driver went through them.</summary>
    public IReadOnlyList<object> Steps =>
        Rest.Select(r => (r.Line, (object)r)).Concat(Notes.Select(n => (n.Line, (object)n))).OrderBy(s => s.Line).Select(s => s.Item2).ToList();

    public string RestFile => Path.Combine(Directory, Name + ".rest.jsonl");
    public string EventsFile => Path.Combine(Directory, Name + ".jsonl");
    public string SocketsFile => Path.Combine(Directory, Name + ".sockets.jsonl");

    /// <summary>The earliest moment of the scenario on the driver's clock.</summary>
    public DateTimeOffset Start =>
        Rest.Select(r => r.Sent).Concat(Notes.Select(n => n.At)).Concat(Sockets.Select(s => s.At)).DefaultIfEmpty(DateTimeOffset.MinValue).Min();

    public override string ToString() => Name;
}
