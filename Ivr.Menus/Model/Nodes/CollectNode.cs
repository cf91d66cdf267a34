namespace Ivr.Menus.Model;

/// <summary>
/// `type: collect`: gathers digits into a variable, checks them with a named validator, optionally reads them
/// back for confirmation. Masked values never appear in logs or traces.
/// </summary>
public sealed record CollectNode : MenuNode
{
    public override string Type => "collect";
    public required IReadOnlyList<PlayItem> Prompt { get; init; }
    public required string Into { get; init; }
    public required int MinLength { get; init; }
    public required int MaxLength { get; init; }
    public required char? Terminator { get; init; }
    public required TimeSpan FirstTimeout { get; init; }
    public required TimeSpan InterDigitTimeout { get; init; }
    public required TimeSpan OverallTimeout { get; init; }
    public required NameRef? Validator { get; init; }
    public required bool Confirm { get; init; }
    public required ValueKind ReadBack { get; init; }
    public required IReadOnlyList<PlayItem> ConfirmPrompt { get; init; }
    public required bool Mask { get; init; }
    public required IReadOnlyList<PlayItem> Invalid { get; init; }
    public required IReadOnlyList<PlayItem> NoInput { get; init; }
    public required int Tries { get; init; }
    public required NodeRef Next { get; init; }
    public required NodeRef? OnFail { get; init; }

    public override IEnumerable<Edge> Edges =>
        OnFail is null ? [new Edge("next", Next, true)] : [new Edge("next", Next, true), new Edge("fail", OnFail, true)];

    public override IEnumerable<PlayItem> Playables => [.. Prompt, .. Invalid, .. NoInput, .. Confirm ? ConfirmPrompt : []];

    public override IEnumerable<(HostNameKind, NameRef)> HostNames =>
        Validator is null ? [] : [(HostNameKind.Validator, Validator)];
}
