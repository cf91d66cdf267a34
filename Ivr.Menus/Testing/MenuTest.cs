using Ivr.Menus.Diagnostics;

namespace Ivr.Menus.Testing;

/// <summary>One supervisor-written call script: who calls which entry, then the steps heard and done.</summary>
public sealed record MenuTest(
    SourceLocation At,
    string Name,
    string Entry,
    string Caller,
    string? Language,
    DateOnly Today,
    IReadOnlySet<string> OpenCalendars,
    IReadOnlyList<TestStep> Steps)
{
    /// <summary>`vars: {deadline: "20261215"}`: what the call brings from its start, as an outbound reminder does.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
}

/// <summary>A step of a menu test; each knows where it is written so a failure points at it.</summary>
public abstract record TestStep(SourceLocation At)
{
    /// <summary>`expect: prompt-id` or `expect: "amount:12.50"`: the caller hears this next (earlier sounds may pass).</summary>
    public sealed record Expect(SourceLocation At, string Sound) : TestStep(At);

    /// <summary>`press: "123#"`: keys, pressed now (during a prompt they interrupt it).</summary>
    public sealed record Press(SourceLocation At, string Keys) : TestStep(At);

    /// <summary>`say: 人工`: speech while a menu waits.</summary>
    public sealed record Say(SourceLocation At, string Text) : TestStep(At);

    /// <summary>`timeout`: the caller stays silent until the node's timer fires.</summary>
    public sealed record Silence(SourceLocation At) : TestStep(At);

    /// <summary>`action: name` with `returns: code`, optional `args` to check and `outputs` to hand back.</summary>
    public sealed record Action(SourceLocation At, string Name, string Returns, IReadOnlyDictionary<string, string> Args, IReadOnlyDictionary<string, string> Outputs) : TestStep(At);

    /// <summary>`queue: name` (and `skill:`): the caller is handed to seats.</summary>
    public sealed record Queue(SourceLocation At, string Name, string? Skill) : TestStep(At);

    /// <summary>`seat: talked` or `seat: no-seat`: how the seat part ended.</summary>
    public sealed record Seat(SourceLocation At, bool Talked) : TestStep(At);

    /// <summary>`record: name`: a recording starts and ends, stored under this name.</summary>
    public sealed record Record(SourceLocation At, string Recording) : TestStep(At);

    /// <summary>`sms: template`: an SMS with this template is sent (optional `to`).</summary>
    public sealed record Sms(SourceLocation At, string Template, string? To) : TestStep(At);

    /// <summary>`callback: queue`: a callback request is registered for this queue.</summary>
    public sealed record Callback(SourceLocation At, string QueueName) : TestStep(At);

    /// <summary>`language: en-US`: the call switches language.</summary>
    public sealed record Language(SourceLocation At, string Code) : TestStep(At);

    /// <summary>`variable: {name: value}`: a call variable has this value now.</summary>
    public sealed record Variable(SourceLocation At, string Name, string Value) : TestStep(At);

    /// <summary>`hangup: caller` (the caller hangs up) or `hangup: menu` (the menu ends the call).</summary>
    public sealed record Hangup(SourceLocation At, bool ByCaller) : TestStep(At);
}
