using Ivr.Menus.Diagnostics;

namespace Ivr.Menus.Model;

/// <summary>One option of a menu: a key, where it goes, and words a caller may say instead of pressing it.</summary>
public sealed record MenuOption(SourceLocation At, string Key, NodeRef Goto, IReadOnlyList<string> Keywords);

/// <summary>
/// `type: menu`: plays a prompt and waits for a key. Keys pressed during the prompt count (type-ahead).
/// The standard keys (seat, back, repeat) come from the defaults unless the node turns them off.
/// </summary>
public sealed record ChoiceNode : MenuNode
{
    public override string Type => "menu";
    public required IReadOnlyList<PlayItem> Prompt { get; init; }
    public required IReadOnlyList<MenuOption> Options { get; init; }
    public required IReadOnlyList<PlayItem> Invalid { get; init; }
    public required IReadOnlyList<PlayItem> NoInput { get; init; }
    public required int Tries { get; init; }
    public required TimeSpan Timeout { get; init; }
    public required NodeRef? OnFail { get; init; }
    public required string? SeatKey { get; init; }
    public required NodeRef? Seat { get; init; }
    public required string? BackKey { get; init; }
    public required string? RepeatKey { get; init; }

    public override IEnumerable<Edge> Edges
    {
        get
        {
            foreach (var o in Options) yield return new Edge(o.Key, o.Goto, true);
            if (SeatKey is not null && Seat is not null) yield return new Edge(SeatKey, Seat, true);
            if (OnFail is not null) yield return new Edge("fail", OnFail, true);
        }
    }

    public override IEnumerable<PlayItem> Playables => [.. Prompt, .. Invalid, .. NoInput];
}
