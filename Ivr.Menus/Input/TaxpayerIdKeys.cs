namespace Ivr.Menus.Input;

/// <summary>
/// A taxpayer id keyed on a phone: a 统一社会信用代码 as <see cref="CreditCode"/> takes it (letters as `*` + key +
/// position), or an individual's 18-character resident ID number (<see cref="IdCard"/>), whose X is keyed as a final
/// `*` — no credit-code letter ends with a lone `*`, so the two never clash. Eighteen digits may be either; they are the
/// same characters whichever it is, so the check character that matches only names the kind (credit code first).
/// </summary>
public static class TaxpayerIdKeys
{
    public static DigitCheck Check(string keys, DateOnly today)
    {
        if (keys.Length == 18 && keys[..17].All(char.IsAsciiDigit) && (char.IsAsciiDigit(keys[17]) || keys[17] == '*'))
        {
            if (keys[17] != '*' && CreditCode.Check(keys) is DigitCheck.Valid code) return DigitCheck.Ok(code.Value, ("kind", "credit-code"));
            return IdCard.Check(keys, today) switch
            {
                DigitCheck.Valid person => DigitCheck.Ok(person.Value, ("kind", "id-number")),
                var refused when keys[17] == '*' => refused,
                _ => new DigitCheck.Invalid("18 digits that are neither a credit code nor an ID number: the check character does not match"),
            };
        }
        var check = CreditCode.Check(keys);
        return check is DigitCheck.Valid letters ? DigitCheck.Ok(letters.Value, ("kind", "credit-code")) : check;
    }
}
