namespace Ivr.Menus.Model;

/// <summary>
/// Settings every node inherits unless it gives its own: languages (the first is the default), timeouts, tries,
/// the standard keys (0 = seat, * = back, # = repeat) and the caps that stop a bad edit from looping a caller.
/// </summary>
public sealed record MenuDefaults
{
    public IReadOnlyList<string> Languages { get; init; } = ["zh-CN", "en-US"];
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan InterDigitTimeout { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan OverallTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public int Tries { get; init; } = 3;
    public IReadOnlyList<PlayItem> Invalid { get; init; } = [];
    public IReadOnlyList<PlayItem> NoInput { get; init; } = [];
    public IReadOnlyList<PlayItem> Confirm { get; init; } = [];
    public IReadOnlyList<PlayItem> Capped { get; init; } = [];
    public string? SeatKey { get; init; } = "0";
    public NodeRef? Seat { get; init; }
    public string? BackKey { get; init; } = "*";
    public string? RepeatKey { get; init; } = "#";
    public NodeRef? OnFail { get; init; }
    public int MaxSteps { get; init; } = 500;
    public int MaxVisits { get; init; } = 5;
}
