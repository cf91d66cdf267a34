using Ivr.Menus.Diagnostics;

namespace Ivr.Menus.Model;

/// <summary>How a value is spoken; the prompts work renders each kind per language.</summary>
public enum ValueKind { Digits, Number, Amount, Date, Time }

/// <summary>One thing to say: a catalogue prompt or a typed value.</summary>
public abstract record PlayItem(SourceLocation At);

/// <summary>A recorded or synthesised prompt of the catalogue.</summary>
public sealed record PromptItem(SourceLocation At, PromptRef Prompt) : PlayItem(At);

/// <summary>A value said as digits, a number, an amount of yuan, a date or a time.</summary>
public sealed record ValueItem(SourceLocation At, ValueKind Kind, Value Value) : PlayItem(At);
