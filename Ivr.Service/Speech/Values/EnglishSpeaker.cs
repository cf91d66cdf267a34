using static Ivr.Service.Speech.Values.WordPrompts;

namespace Ivr.Service.Speech.Values;

/// <summary>
/// English (US): "one thousand two hundred thirty-four" (no "and" inside numbers), money as
/// "… yuan and fifty fen", dates as "Friday November twenty-second twenty twenty-four", twelve-hour times
/// ("two oh five p.m."), "twelve point five percent", and digit strings one by one.
/// </summary>
public sealed class EnglishSpeaker : IValueSpeaker
{
    public string Language => "en-US";

    public IReadOnlyList<string> Digits(string digits, DigitStyle style) => SpokenValueRules.OneByOne(digits, style, yaoForOne: false);

    public IReadOnlyList<string> Number(long value)
    {
        SpokenValueRules.CheckNumber(value);
        if (value == 0) return [WordPrompts.Number(0)];
        var words = new List<string>();
        foreach (var (scale, unit) in new (long, string?)[] { (1_000_000_000, Billion), (1_000_000, Million), (1_000, Qian), (1, null) })
        {
            var group = (int)(value / scale % 1000);
            if (group == 0) continue;
            UnderThousand(words, group);
            if (unit is not null) words.Add(unit);
        }
        return words;
    }

    public IReadOnlyList<string> Amount(decimal yuan)
    {
        var (whole, fen) = SpokenValueRules.CheckAmount(yuan);
        if (fen == 0) return [.. Number(whole), Yuan];
        return whole == 0 ? [.. Number(fen), Fen] : [.. Number(whole), Yuan, And, .. Number(fen), Fen];
    }

    public IReadOnlyList<string> Date(DateOnly date) =>
        [Weekday(date.DayOfWeek), Month(date.Month), .. OrdinalOf(date.Day), .. YearOf(date.Year)];

    public IReadOnlyList<string> Time(TimeOnly time)
    {
        var hour = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        List<string> words = [.. Number(hour)];
        if (time.Minute == 0) words.Add(Oclock);
        else if (time.Minute < 10) words.AddRange([Oh, WordPrompts.Number(time.Minute)]);
        else words.AddRange(Number(time.Minute));
        words.Add(time.Hour < 12 ? Am : Pm);
        return words;
    }

    public IReadOnlyList<string> Percent(decimal percent)
    {
        var (whole, decimals) = SpokenValueRules.CheckPercent(percent);
        List<string> words = [.. Number(whole)];
        words.AddRange(SpokenValueRules.PointAndDigits(decimals));
        words.Add(WordPrompts.Percent);
        return words;
    }

    static void UnderThousand(List<string> words, int n)
    {
        if (n >= 100) words.AddRange([WordPrompts.Number(n / 100), Bai]);
        var rest = n % 100;
        if (rest == 0) return;
        if (rest < 20) words.Add(WordPrompts.Number(rest));
        else
        {
            words.Add(WordPrompts.Number(rest / 10 * 10));
            if (rest % 10 > 0) words.Add(WordPrompts.Number(rest % 10));
        }
    }

    /// <summary>first … nineteenth, twentieth, thirtieth; others are the tens word and an ordinal (twenty-second).</summary>
    static IReadOnlyList<string> OrdinalOf(int n) => n is < 20 or 20 or 30 ? [Ordinal(n)] : [WordPrompts.Number(n / 10 * 10), Ordinal(n % 10)];

    /// <summary>Years as people say them: "nineteen ninety-nine", "two thousand five", "twenty twenty-four", "nineteen oh five".</summary>
    IReadOnlyList<string> YearOf(int year)
    {
        var (high, low) = (year / 100, year % 100);
        if (year < 1000 || (year % 1000 < 10 && high % 10 == 0)) return Number(year);
        if (low == 0) return [.. Number(high), Bai];
        return low < 10 ? [.. Number(high), Oh, WordPrompts.Number(low)] : [.. Number(high), .. Number(low)];
    }
}
