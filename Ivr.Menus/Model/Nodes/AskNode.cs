namespace Ivr.Menus.Model;

/// <summary>A node that asks and waits for keys (menu, collect, survey): what it says, how long it waits, how often it asks.</summary>
public abstract record AskNode : MenuNode
{
    public required IReadOnlyList<PlayItem> Prompt { get; init; }
    public required IReadOnlyList<PlayItem> Invalid { get; init; }
    public required IReadOnlyList<PlayItem> NoInput { get; init; }
    public required int Tries { get; init; }
    /// <summary>How long to wait for the first key after the prompt.</summary>
    public required TimeSpan Timeout { get; init; }

    public override IEnumerable<PlayItem> Playables => [.. Prompt, .. Invalid, .. NoInput];
}
