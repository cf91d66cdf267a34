namespace Ivr.Menus.Input;

/// <summary>数电票 number: 20 digits whose first two are the year of issue (weakly sourced, so only "not after this year" is checked).</summary>
public static class DigitalInvoiceNumber
{
    public static DigitCheck Check(string digits, DateOnly today)
    {
        if (DigitValidators.FixedDigits(digits, 20, "a fully digital invoice number") is DigitCheck.Invalid bad) return bad;
        var year = int.Parse(digits.AsSpan(0, 2));
        return year > today.Year % 100
            ? new DigitCheck.Invalid($"the year in the number ({year:00}) is after this year")
            : DigitCheck.Ok(digits, ("kind", "digital"), ("needs", "total"));
    }
}
