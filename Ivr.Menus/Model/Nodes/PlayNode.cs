namespace Ivr.Menus.Model;

/// <summary>`type: play`: says prompts and values, then moves on.</summary>
public sealed record PlayNode : MenuNode
{
    public override string Type => "play";
    public required IReadOnlyList<PlayItem> Items { get; init; }
    public required NodeRef Next { get; init; }

    public override IEnumerable<Edge> Edges => [new Edge("next", Next, false)];
    public override IEnumerable<PlayItem> Playables => Items;
}
