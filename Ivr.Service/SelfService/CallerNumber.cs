using Ivr.Menus.Input;

namespace Ivr.Service.SelfService;

/// <summary>
/// Phone numbers as stored: digits only, without the country code or trunk prefix a carrier may add to the caller id
/// (+86, 0086, 86 or 0 before a mobile number), so a registered number matches however the call arrives.
/// </summary>
public static class CallerNumber
{
    public static string Normalise(string number)
    {
        var digits = new string([.. number.Where(char.IsAsciiDigit)]);
        if (digits.StartsWith("0086", StringComparison.Ordinal)) digits = digits[4..];
        else if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal)) digits = digits[2..];
        else if (digits.Length == 12 && digits.StartsWith("01", StringComparison.Ordinal)) digits = digits[1..];
        return digits;
    }

    /// <summary>The normalised mobile number, or null for a landline or a withheld number (SMS cannot reach those).</summary>
    public static string? Mobile(string number) => Ivr.Menus.Input.Mobile.Check(Normalise(number)) is DigitCheck.Valid v ? v.Value : null;
}
