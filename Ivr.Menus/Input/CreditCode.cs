namespace Ivr.Menus.Input;

/// <summary>
/// 统一社会信用代码 keyed on a phone (GB 32100-2015). Digits are keyed as themselves; a letter is keyed as
/// `*`, its key and its position on the key (A = *21, R = *73, Y = *93), or as `*`, its key and 0 when the caller
/// is unsure, in which case the check character picks the letter. More than one fitting code asks for re-entry.
/// </summary>
public static class CreditCode
{
    const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    static readonly string[] Keypad = ["", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"];

    public static DigitCheck Check(string keys)
    {
        var positions = new List<string>();
        for (var i = 0; i < keys.Length; i++)
        {
            if (char.IsAsciiDigit(keys[i])) { positions.Add(keys[i].ToString()); continue; }
            if (keys[i] != '*' || i + 2 >= keys.Length || keys[i + 1] is < '2' or > '9' || !char.IsAsciiDigit(keys[i + 2]))
                return new DigitCheck.Invalid($"key {i + 1}: a letter is * then its key (2-9) then its position (1-4, or 0 if unsure)");
            var letters = Keypad[keys[i + 1] - '0'];
            var position = keys[i + 2] - '0';
            if (position > letters.Length) return new DigitCheck.Invalid($"key {i + 1}: key {keys[i + 1]} has only {letters.Length} letters");
            var options = position == 0 ? new string([.. letters.Where(l => Charset.Contains(l))]) : letters[position - 1].ToString();
            if (!options.All(Charset.Contains)) return new DigitCheck.Invalid($"the letter {options} is never used in a credit code");
            positions.Add(options);
            i += 2;
        }
        if (positions.Count != 18) return new DigitCheck.Invalid($"a credit code has 18 characters, got {positions.Count}");
        var fits = Expand(positions).Where(HasValidCheck).Take(5).ToList();
        return fits.Count switch
        {
            0 => new DigitCheck.Invalid("the check character does not match"),
            1 => DigitCheck.Ok(fits[0]),
            _ => new DigitCheck.Ambiguous(fits),
        };
    }

    /// <summary>The check character of the first 17 characters.</summary>
    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Charset.IndexOf(first17[i]) * Weights[i];
        return Charset[(31 - sum % 31) % 31];
    }

    static bool HasValidCheck(string code) => CheckCharacter(code) == code[17];

    static IEnumerable<string> Expand(List<string> positions)
    {
        IEnumerable<string> codes = [""];
        foreach (var options in positions)
            codes = codes.SelectMany(prefix => options.Select(c => prefix + c));
        return codes;
    }
}
