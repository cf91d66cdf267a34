namespace Ivr.Service.Speech.Values;

/// <summary>The range every speaker supports, checked in one place so both languages refuse the same values the same way.</summary>
public static class SpokenValueRules
{
    /// <summary>Largest number spoken: 9999亿9999万9999 in Mandarin, nine hundred ninety-nine billion … in English.</summary>
    public const long MaxNumber = 999_999_999_999;

    /// <summary>Decimals of a percentage read out; more is not something a caller can take in.</summary>
    public const int MaxPercentDecimals = 4;

    public static long CheckNumber(long value) =>
        value < 0 ? throw new SpokenValueException($"number {value} is negative; only 0 to {MaxNumber:N0} can be spoken")
        : value > MaxNumber ? throw new SpokenValueException($"number {value:N0} is larger than {MaxNumber:N0}, the largest that can be spoken")
        : value;

    /// <summary>Splits an amount into whole yuan and fen (0–99), refusing negatives, fractions of a fen and too large amounts.</summary>
    public static (long Yuan, int Fen) CheckAmount(decimal amount)
    {
        if (amount < 0) throw new SpokenValueException($"amount {amount} is negative; refunds and debts are worded in the prompt, not spoken as negative");
        if (decimal.Round(amount, 2) != amount) throw new SpokenValueException($"amount {amount} has fractions of a fen; at most two decimals");
        if (amount > MaxNumber + 0.99m) throw new SpokenValueException($"amount {amount} is larger than {MaxNumber:N0}.99 yuan");
        var yuan = (long)decimal.Truncate(amount);
        return (yuan, (int)((amount - yuan) * 100));
    }

    /// <summary>Splits a percentage into its whole part and the digits after the point (trailing zeros dropped).</summary>
    public static (long Whole, string Decimals) CheckPercent(decimal percent)
    {
        if (percent < 0) throw new SpokenValueException($"percentage {percent} is negative; only 0 and above can be spoken");
        if (decimal.Round(percent, MaxPercentDecimals) != percent)
            throw new SpokenValueException($"percentage {percent} has more than {MaxPercentDecimals} decimals");
        var whole = CheckNumber((long)decimal.Truncate(percent));
        var digits = (percent - whole).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        return (whole, digits == "0" ? "" : digits[2..]);
    }

    /// <summary>
    /// Refuses anything but 0–9 and A–Z, naming the character and its position. Letters belong to every style: what a
    /// caller keys is read back as digits, and a credit code or an ID number ending in X carries letters.
    /// </summary>
    public static string CheckDigits(string digits)
    {
        if (digits.Length == 0) throw new SpokenValueException("digit string is empty");
        for (var i = 0; i < digits.Length; i++)
            if (!char.IsAsciiDigit(digits[i]) && !char.IsAsciiLetterUpper(char.ToUpperInvariant(digits[i])))
                throw new SpokenValueException(
                    $"'{digits}' has '{digits[i]}' at position {i + 1}; only digits and letters A–Z can be read out one by one");
        return digits;
    }

    /// <summary>Digit and letter words one by one; <paramref name="yaoForOne"/> reads 1 as 幺 in phone numbers and ids.</summary>
    public static IReadOnlyList<string> OneByOne(string digits, DigitStyle style, bool yaoForOne) =>
        CheckDigits(digits)
            .Select(c => !char.IsAsciiDigit(c) ? WordPrompts.Letter(c)
                : c == '1' && yaoForOne && style == DigitStyle.PhoneOrId ? WordPrompts.Yao
                : WordPrompts.Number(c - '0'))
            .ToList();

    /// <summary>"point" and the digits after it one by one (点五, point five); nothing when there are none.</summary>
    public static IEnumerable<string> PointAndDigits(string decimals) =>
        decimals.Length == 0 ? [] : decimals.Select(c => WordPrompts.Number(c - '0')).Prepend(WordPrompts.Point);
}
