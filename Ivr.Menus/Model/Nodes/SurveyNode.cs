namespace Ivr.Menus.Model;

/// <summary>`type: survey`: asks a question answered on a 1..Scale keypad scale and stores the answer.</summary>
public sealed record SurveyNode : MenuNode
{
    public override string Type => "survey";
    public required IReadOnlyList<PlayItem> Prompt { get; init; }
    public required int Scale { get; init; }
    public required string Into { get; init; }
    public required IReadOnlyList<PlayItem> Invalid { get; init; }
    public required IReadOnlyList<PlayItem> NoInput { get; init; }
    public required int Tries { get; init; }
    public required TimeSpan Timeout { get; init; }
    public required NodeRef Next { get; init; }

    public override IEnumerable<Edge> Edges => [new Edge("answered", Next, true)];
    public override IEnumerable<PlayItem> Playables => [.. Prompt, .. Invalid, .. NoInput];
}
