namespace Ivr.Menus.Model;

/// <summary>`type: survey`: asks a question answered on a 1..Scale keypad scale and stores the answer.</summary>
public sealed record SurveyNode : AskNode
{
    public override string Type => "survey";
    public required int Scale { get; init; }
    public required string Into { get; init; }
    public required NodeRef Next { get; init; }

    public override IEnumerable<Edge> Edges => [new Edge("answered", Next, true)];
}
