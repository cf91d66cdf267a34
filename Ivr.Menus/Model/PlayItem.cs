using Ivr.Menus.Diagnostics;

namespace Ivr.Menus.Model;

/// <summary>
/// How a value is spoken; the prompts work renders each kind per language. <see cref="Text"/> is free text (a seller's
/// name) that no word prompt can say: the host renders it with text-to-speech during the call.
/// </summary>
public enum ValueKind { Digits, Number, Amount, Date, Time, Text }

/// <summary>One thing to say: a catalogue prompt or a typed value.</summary>
public abstract record PlayItem(SourceLocation At);

/// <summary>A recorded or synthesised prompt of the catalogue.</summary>
public sealed record PromptItem(SourceLocation At, PromptRef Prompt) : PlayItem(At);

/// <summary>A value said as digits, a number, an amount of yuan, a date, a time or as free text.</summary>
public sealed record ValueItem(SourceLocation At, ValueKind Kind, Value Value) : PlayItem(At);
