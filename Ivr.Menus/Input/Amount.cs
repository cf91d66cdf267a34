namespace Ivr.Menus.Input;

/// <summary>An amount of yuan keyed with `*` as the decimal point and at most two decimals (fen); normalised to 1234.50.</summary>
public static class Amount
{
    public static DigitCheck Check(string keys)
    {
        var parts = keys.Split('*');
        if (parts.Length > 2 || parts[0].Length == 0 || !parts.All(p => p.All(char.IsAsciiDigit)))
            return new DigitCheck.Invalid("an amount is digits with at most one * as the decimal point");
        var fraction = parts.Length == 2 ? parts[1] : "";
        if (fraction.Length > 2) return new DigitCheck.Invalid($"an amount has at most 2 decimals, got {fraction.Length}");
        var whole = parts[0].TrimStart('0');
        if (whole.Length > 12) return new DigitCheck.Invalid("the amount is too large");
        return DigitCheck.Ok($"{(whole.Length == 0 ? "0" : whole)}.{fraction.PadRight(2, '0')}");
    }
}
