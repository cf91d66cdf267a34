using Ivr.Menus.Diagnostics;

namespace Ivr.Menus.Model;

/// <summary>A variable assignment of a `set` node.</summary>
public sealed record Assignment(SourceLocation At, string Variable, Value Value);

/// <summary>`type: set`: sets call variables.</summary>
public sealed record SetNode : MenuNode
{
    public override string Type => "set";
    public required IReadOnlyList<Assignment> Assignments { get; init; }
    public required NodeRef Next { get; init; }
    public override IEnumerable<Edge> Edges => [new Edge("next", Next, false)];
}

/// <summary>`type: goto`: continues at another node, in this file or another.</summary>
public sealed record GotoNode : MenuNode
{
    public override string Type => "goto";
    public required NodeRef Target { get; init; }
    public override IEnumerable<Edge> Edges => [new Edge("goto", Target, false)];
}

/// <summary>`type: subflow`: runs a shared flow until it reaches a `return` node, then continues at Next.</summary>
public sealed record SubflowNode : MenuNode
{
    public override string Type => "subflow";
    public required NodeRef Flow { get; init; }
    public required NodeRef Next { get; init; }
    public override IEnumerable<Edge> Edges => [new Edge("call", Flow, false), new Edge("return", Next, false)];
}

/// <summary>`type: return`: ends a subflow; the caller continues after the subflow node that called it.</summary>
public sealed record ReturnNode : MenuNode
{
    public override string Type => "return";
    public override IEnumerable<Edge> Edges => [];
}

/// <summary>`type: language`: switches the call's language (prompts and spoken values).</summary>
public sealed record LanguageNode : MenuNode
{
    public override string Type => "language";
    public required string Language { get; init; }
    public required NodeRef Next { get; init; }
    public override IEnumerable<Edge> Edges => [new Edge(Language, Next, false)];
}

/// <summary>A named parameter of an SMS template.</summary>
public sealed record SmsParameter(SourceLocation At, string Name, Value Value);

/// <summary>`type: sms`: sends a templated SMS (a ticket number, a reminder); sending is the host's, with consent checks.</summary>
public sealed record SmsNode : MenuNode
{
    public override string Type => "sms";
    public required NameRef Template { get; init; }
    public required Value To { get; init; }
    public required IReadOnlyList<SmsParameter> Parameters { get; init; }
    public required NodeRef Next { get; init; }
    public override IEnumerable<Edge> Edges => [new Edge("sent", Next, false)];
    public override IEnumerable<(HostNameKind, NameRef)> HostNames => [(HostNameKind.SmsTemplate, Template)];
}

/// <summary>`type: callback`: registers a callback request for a queue's seats to call the caller back.</summary>
public sealed record CallbackNode : MenuNode
{
    public override string Type => "callback";
    public required NameRef Queue { get; init; }
    public required Value Number { get; init; }
    public required NodeRef Next { get; init; }
    public override IEnumerable<Edge> Edges => [new Edge("registered", Next, false)];
    public override IEnumerable<(HostNameKind, NameRef)> HostNames => [(HostNameKind.Queue, Queue)];
}

/// <summary>`type: hangup`: says a last prompt if given, then ends the call.</summary>
public sealed record HangupNode : MenuNode
{
    public override string Type => "hangup";
    public required IReadOnlyList<PlayItem> Prompt { get; init; }
    public override IEnumerable<Edge> Edges => [];
    public override IEnumerable<PlayItem> Playables => Prompt;
}
