namespace Ivr.Menus.Input;

/// <summary>
/// 18-character resident ID number: a real, past birth date in positions 7-14 and the ISO 7064 MOD 11-2 check
/// character, where X is keyed as `*`.
/// </summary>
public static class IdCard
{
    static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const string CheckChars = "10X98765432";

    public static DigitCheck Check(string keys, DateOnly today)
    {
        var id = keys.Replace('*', 'X');
        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
            return new DigitCheck.Invalid("an ID number is 17 digits and a last digit or X (keyed as *)");
        if (!DigitValidators.IsDate(id[6..14], out var birth) || birth > today)
            return new DigitCheck.Invalid("the birth date in the ID number is not a real past date");
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (id[i] - '0') * Weights[i];
        return CheckChars[sum % 11] == id[17] ? DigitCheck.Ok(id) : new DigitCheck.Invalid("the ID number's check character does not match");
    }
}
