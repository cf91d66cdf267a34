namespace Ivr.Menus.Input;

/// <summary>
/// 发票代码: 10 or 12 digits with no check digit, so only the pattern and the year are checked; the kind is derived
/// and tells the menu which extra field to ask for (amount before tax, or the last 6 digits of the check code).
/// </summary>
public static class InvoiceCode
{
    public static DigitCheck Check(string code, DateOnly today)
    {
        if (!code.All(char.IsAsciiDigit) || code.Length is not (10 or 12))
            return new DigitCheck.Invalid($"an invoice code is 10 or 12 digits, got {code.Length} key(s)");
        var (kind, yearAt) = code.Length == 10 ? (TenDigitKind(code[7]), 4)
            : code[0] == '0' ? (TwelveDigitKind(code[10..]), 5)
            : (code[7] == '2' ? "motor" : "used-car", -1);
        if (kind is null) return new DigitCheck.Invalid($"digit 8 of a 10-digit code must be 1-3 or 5-7, got {code[7]}");
        if (yearAt >= 0)
        {
            var year = int.Parse(code.AsSpan(yearAt, 2));
            if (year < 1 || year > today.Year % 100) return new DigitCheck.Invalid($"the year in the code ({year:00}) is not between 01 and {today.Year % 100:00}");
        }
        return DigitCheck.Ok(code, ("kind", kind), ("needs", Needs(kind)));
    }

    static string? TenDigitKind(char c) => c switch
    {
        '1' or '5' => "special",
        '3' or '6' => "ordinary",
        '2' or '7' => "freight",
        _ => null,
    };

    static string TwelveDigitKind(string lastTwo) => lastTwo switch
    {
        "11" => "e-ordinary",
        "06" or "07" => "roll",
        "12" => "toll",
        _ => "ordinary",
    };

    /// <summary>Special, freight, motor and used-car invoices are checked by an amount; the rest by the check code.</summary>
    static string Needs(string kind) => kind is "special" or "freight" or "motor" or "used-car" ? "amount" : "check-code";
}
