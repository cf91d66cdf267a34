namespace Ivr.Tests.Conformance.Traces;

/// <summary>A `{t, note}` step marker of `&lt;scenario&gt;.rest.jsonl`: what the driver did or saw besides REST.</summary>
public sealed record StepNote(int Line, DateTimeOffset At, string Text);
