namespace Ivr.Menus.Input;

/// <summary>A mainland mobile number: 11 digits starting 13-19.</summary>
public static class Mobile
{
    public static DigitCheck Check(string digits) =>
        digits.Length == 11 && digits.All(char.IsAsciiDigit) && digits[0] == '1' && digits[1] is >= '3' and <= '9'
            ? DigitCheck.Ok(digits)
            : new DigitCheck.Invalid("a mobile number is 11 digits starting with 13 to 19");
}
