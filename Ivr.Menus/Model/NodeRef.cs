using Ivr.Menus.Diagnostics;

namespace Ivr.Menus.Model;

/// <summary>A reference to a node by id, kept with where it is written so a bad reference can be pointed at.</summary>
public sealed record NodeRef(string Id, SourceLocation At);

/// <summary>One way out of a node. WaitsForCaller is false when the engine takes it without any caller input.</summary>
public sealed record Edge(string Label, NodeRef Target, bool WaitsForCaller);

/// <summary>A name the host must provide (an action, queue, calendar, validator or SMS template), with where it is written.</summary>
public sealed record NameRef(string Name, SourceLocation At);
