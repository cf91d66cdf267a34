namespace Ivr.Menus.Model;

/// <summary>`type: record`: records the caller (a complaint or report) into a variable holding the recording name.</summary>
public sealed record RecordNode : MenuNode
{
    public override string Type => "record";
    public required IReadOnlyList<PlayItem> Prompt { get; init; }
    public required TimeSpan MaxLength { get; init; }
    public required bool Beep { get; init; }
    public required TimeSpan SilenceEnd { get; init; }
    public required string Into { get; init; }
    public required NodeRef Next { get; init; }

    public override IEnumerable<Edge> Edges => [new Edge("recorded", Next, true)];
    public override IEnumerable<PlayItem> Playables => Prompt;
}
