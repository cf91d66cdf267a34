using System.Collections.Immutable;

namespace Ivr.Menus.Engine;

/// <summary>What the call is waiting for.</summary>
public enum Waiting { Nothing, Playback, Keys, Confirmation, Action, Seat, Recording, LastPrompt, Ended }

/// <summary>
/// A call's whole menu state: small and immutable so the host can keep it per channel (in Redis) and the engine can be
/// tested by tables. Timer and playback ids come from a counter, so runs are deterministic.
/// </summary>
public sealed record CallState
{
    public required string Revision { get; init; }
    public required string Language { get; init; }
    public required DateOnly Today { get; init; }
    public required IReadOnlySet<string> OpenCalendars { get; init; }
    public string Node { get; init; } = "";
    public Waiting Waiting { get; init; }
    public ImmutableDictionary<string, string> Variables { get; init; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>Variables collected by masked nodes; logs show them as ****.</summary>
    public ImmutableHashSet<string> Masked { get; init; } = [];
    public ImmutableStack<string> Returns { get; init; } = [];
    public ImmutableStack<string> MenuHistory { get; init; } = [];
    /// <summary>Visits per node since the caller last gave input; bounded by max-visits.</summary>
    public ImmutableDictionary<string, int> Visits { get; init; } = ImmutableDictionary<string, int>.Empty;
    public int Tries { get; init; }
    public string Digits { get; init; } = "";
    /// <summary>Keys pressed while a play node spoke, handed to the next node that reads keys.</summary>
    public string TypeAhead { get; init; } = "";
    public string? Playback { get; init; }
    public string? Timer { get; init; }
    public string? OverallTimer { get; init; }
    public int Steps { get; init; }
    public int Sequence { get; init; }

    public bool Ended => Waiting == Waiting.Ended;

    /// <summary>The variables for logs, with masked values hidden.</summary>
    public string Describe() => string.Join(", ", Variables.OrderBy(v => v.Key, StringComparer.Ordinal)
        .Select(v => $"{v.Key}={(Masked.Contains(v.Key) ? "****" : v.Value)}"));
}

/// <summary>The engine's answer to an event: the next state, what the host must do, and the nodes entered on the way (for traces and test coverage).</summary>
public sealed record Step(CallState State, IReadOnlyList<CallCommand> Commands, IReadOnlyList<string> Entered);
