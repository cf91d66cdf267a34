using Ivr.Menus.Diagnostics;

namespace Ivr.Menus.Model;

/// <summary>An argument passed to a host action.</summary>
public sealed record ActionArgument(SourceLocation At, string Name, Value Value);

/// <summary>Where a result code of the action leads.</summary>
public sealed record ResultBranch(SourceLocation At, string Code, NodeRef Goto);

/// <summary>An output of the action stored as a call variable.</summary>
public sealed record OutputBinding(SourceLocation At, string Output, string Variable);

/// <summary>`type: action`: calls a service the host declares, then branches on its result code.</summary>
public sealed record ActionNode : MenuNode
{
    public override string Type => "action";
    public required NameRef Action { get; init; }
    public required IReadOnlyList<ActionArgument> Arguments { get; init; }
    public required IReadOnlyList<ResultBranch> Results { get; init; }
    public required NodeRef? Else { get; init; }
    public required IReadOnlyList<OutputBinding> Outputs { get; init; }

    public override IEnumerable<Edge> Edges =>
        [.. Results.Select(r => new Edge(r.Code, r.Goto, false)), .. Else is null ? [] : new[] { new Edge("else", Else, false) }];

    public override IEnumerable<(HostNameKind, NameRef)> HostNames => [(HostNameKind.Action, Action)];
}
