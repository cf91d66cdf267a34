namespace Ivr.Menus.Input;

/// <summary>The verdict of a digit validator on what a caller keyed in.</summary>
public abstract record DigitCheck
{
    /// <summary>Accepted: the normalised value (e.g. 1234.50 for 1234*5) and facts derived from it (an invoice's kind).</summary>
    public sealed record Valid(string Value, IReadOnlyDictionary<string, string> Derived) : DigitCheck;

    /// <summary>Rejected, with the reason in words for logs and tests; the caller hears the node's invalid prompt.</summary>
    public sealed record Invalid(string Reason) : DigitCheck;

    /// <summary>Several values fit (letters keyed on shared keys); the caller must re-enter with letter positions.</summary>
    public sealed record Ambiguous(IReadOnlyList<string> Candidates) : DigitCheck;

    public static Valid Ok(string value, params (string Key, string Value)[] derived) =>
        new(value, derived.ToDictionary(d => d.Key, d => d.Value));
}
