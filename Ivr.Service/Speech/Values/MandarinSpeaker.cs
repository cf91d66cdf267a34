using static Ivr.Service.Speech.Values.WordPrompts;

namespace Ivr.Service.Speech.Values;

/// <summary>
/// Mandarin: numbers in 万/亿 sections with the 零 rules (one 零 for any run of zeros, none at the end), 十 not
/// 一十 only at the very start (10 十, 110 一百一十, 10,0010 十万零一十), 两 before 千/万/亿 and as a bare quantity
/// (两元, 两点) but 二 when counting (二十, 二百, 二月); money as 元角分, dates as 年月日 with the weekday, times with
/// the part of the day (凌晨, 上午, 中午, 下午, 晚上), 百分之 before percentages, and 幺 for 1 in phone numbers and ids.
/// </summary>
public sealed class MandarinSpeaker : IValueSpeaker
{
    public string Language => "zh-CN";

    public IReadOnlyList<string> Digits(string digits, DigitStyle style) => SpokenValueRules.OneByOne(digits, style, yaoForOne: true);

    public IReadOnlyList<string> Number(long value)
    {
        SpokenValueRules.CheckNumber(value);
        if (value == 0) return [WordPrompts.Number(0)];
        var words = new List<string>();
        (long Value, string? Unit)[] sections = [(value / 100_000_000, Yi), (value / 10_000 % 10_000, Wan), (value % 10_000, null)];
        var zeroPending = false;
        foreach (var (section, unit) in sections)
        {
            if (section == 0)
            {
                zeroPending = words.Count > 0;
                continue;
            }
            if (words.Count > 0 && (zeroPending || section < 1000)) words.Add(WordPrompts.Number(0));
            zeroPending = false;
            Section(words, (int)section, leading: words.Count == 0, beforeUnit: unit is not null);
            if (unit is not null) words.Add(unit);
        }
        return words;
    }

    public IReadOnlyList<string> Amount(decimal yuan)
    {
        var (whole, fen) = SpokenValueRules.CheckAmount(yuan);
        var words = new List<string>();
        if (whole > 0) words.AddRange([.. Quantity(whole), Yuan]);
        if (fen / 10 > 0) words.AddRange([.. Quantity(fen / 10), Jiao]);
        if (fen % 10 > 0)
        {
            if (whole > 0 && fen / 10 == 0) words.Add(WordPrompts.Number(0));
            words.AddRange([.. Quantity(fen % 10), Fen]);
        }
        return words.Count > 0 ? words : [WordPrompts.Number(0), Yuan];
    }

    public IReadOnlyList<string> Date(DateOnly date) =>
    [
        .. date.Year.ToString("D4").Select(c => WordPrompts.Number(c - '0')), Year,
        Month(date.Month),
        .. Number(date.Day), Day,
        Weekday(date.DayOfWeek),
    ];

    public IReadOnlyList<string> Time(TimeOnly time)
    {
        var period = time.Hour switch { < 6 => Dawn, < 12 => Am, 12 => Noon, < 18 => Pm, _ => Evening };
        var hour = time.Hour > 12 ? time.Hour - 12 : time.Hour;
        List<string> words = [period, .. Quantity(hour), Oclock];
        if (time.Minute > 0)
        {
            if (time.Minute < 10) words.Add(WordPrompts.Number(0));
            words.AddRange([.. Number(time.Minute), Minute]);
        }
        return words;
    }

    public IReadOnlyList<string> Percent(decimal percent)
    {
        var (whole, decimals) = SpokenValueRules.CheckPercent(percent);
        List<string> words = [WordPrompts.Percent, .. Number(whole)];
        words.AddRange(SpokenValueRules.PointAndDigits(decimals));
        return words;
    }

    /// <summary>A count before a measure word: a bare 2 is 两 (两元, 两角, 两点), anything else reads as a number.</summary>
    IReadOnlyList<string> Quantity(long n) => n == 2 ? [Liang] : Number(n);

    /// <summary>One section of up to four digits (千百十个).</summary>
    static void Section(List<string> words, int section, bool leading, bool beforeUnit)
    {
        ReadOnlySpan<string?> units = [null, Shi, Bai, Qian];
        var begun = false;
        var zero = false;
        for (var position = 3; position >= 0; position--)
        {
            var digit = section / (int)Math.Pow(10, position) % 10;
            if (digit == 0)
            {
                zero = begun;
                continue;
            }
            if (zero) words.Add(WordPrompts.Number(0));
            zero = false;
            if (position == 1 && digit == 1 && leading && !begun) words.Add(Shi);
            else
            {
                var liang = digit == 2 && (position == 3 || (position == 0 && section == 2 && beforeUnit));
                words.Add(liang ? Liang : WordPrompts.Number(digit));
                if (units[position] is { } unit) words.Add(unit);
            }
            begun = true;
        }
    }
}
