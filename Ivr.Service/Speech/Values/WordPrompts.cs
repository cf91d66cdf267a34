namespace Ivr.Service.Speech.Values;

/// <summary>
/// Ids of the word prompts the value speakers put together (catalogue section "word prompts for spoken values").
/// The same id names the same meaning in every language folder (num-2 is 二 in zh, "two" in en); a word only one
/// language uses still has a translation in the other, so every prompt exists in every language.
/// </summary>
public static class WordPrompts
{
    public const string Liang = "num-liang", Yao = "num-yao", Oh = "num-oh";
    public const string Shi = "unit-shi", Bai = "unit-bai", Qian = "unit-qian", Wan = "unit-wan", Yi = "unit-yi";
    public const string Million = "unit-million", Billion = "unit-billion";
    public const string And = "word-and", Point = "word-point", Percent = "word-percent";
    public const string Yuan = "money-yuan", Jiao = "money-jiao", Fen = "money-fen";
    public const string Year = "date-year", Day = "date-day";
    public const string Oclock = "time-oclock", Minute = "time-minute", Am = "time-am", Pm = "time-pm";
    public const string Dawn = "time-dawn", Noon = "time-noon", Evening = "time-evening";

    /// <summary>num-0 … num-19, num-20 … num-90.</summary>
    public static string Number(int n) => n is >= 0 and < 20 || (n is >= 20 and < 100 && n % 10 == 0)
        ? $"num-{n}" : throw new ArgumentOutOfRangeException(nameof(n), n, "a number word exists for 0–19 and the tens");

    /// <summary>month-1 (正月 is not used: 一月) … month-12.</summary>
    public static string Month(int month) => $"month-{month}";

    /// <summary>weekday-1 (Monday, 星期一) … weekday-7 (Sunday, 星期日), ISO numbering.</summary>
    public static string Weekday(DayOfWeek day) => $"weekday-{(day == DayOfWeek.Sunday ? 7 : (int)day)}";

    /// <summary>English ordinals: ord-1 … ord-19, ord-20, ord-30 ("twenty-second" is num-20 + ord-2).</summary>
    public static string Ordinal(int n) => $"ord-{n}";

    /// <summary>letter-a … letter-z, for ids such as the unified social credit code.</summary>
    public static string Letter(char c) => $"letter-{char.ToLowerInvariant(c)}";

    /// <summary>Every id above: lint counts them as used, a test checks each is in the catalogue in every language.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(
        Enumerable.Range(0, 20).Concat(Enumerable.Range(2, 8).Select(t => t * 10)).Select(Number)
        .Concat(Enumerable.Range(1, 12).Select(Month))
        .Concat(Enum.GetValues<DayOfWeek>().Select(Weekday))
        .Concat(Enumerable.Range(1, 20).Append(30).Select(Ordinal))
        .Concat("abcdefghijklmnopqrstuvwxyz".Select(Letter))
        .Concat([Liang, Yao, Oh, Shi, Bai, Qian, Wan, Yi, Million, Billion, And, Point, Percent, Yuan, Jiao, Fen,
            Year, Day, Oclock, Minute, Am, Pm, Dawn, Noon, Evening]),
        StringComparer.Ordinal);
}
