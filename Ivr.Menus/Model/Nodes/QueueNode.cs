namespace Ivr.Menus.Model;

/// <summary>`type: queue`: hands the caller to live seats; Next runs after the seat call (a survey), OnFail when no seat answered.</summary>
public sealed record QueueNode : MenuNode
{
    public override string Type => "queue";
    public required NameRef Queue { get; init; }
    public required string? Skill { get; init; }
    public required int Priority { get; init; }
    public required NodeRef? Next { get; init; }
    public required NodeRef? OnFail { get; init; }

    public override IEnumerable<Edge> Edges =>
        [.. Next is null ? [] : new[] { new Edge("after seat", Next, true) }, .. OnFail is null ? [] : new[] { new Edge("no seat", OnFail, true) }];

    public override IEnumerable<(HostNameKind, NameRef)> HostNames => [(HostNameKind.Queue, Queue)];
}
