using System.Globalization;
using System.Text.RegularExpressions;

namespace Ivr.Service.Speech.Values;

/// <summary>
/// The kinds of value a menu's play item can speak ({kind: amount, value: "1234.50"}); <see cref="Text"/> has no
/// word prompts and is rendered during the call by <see cref="Runtime.RuntimeSpeech"/>.
/// </summary>
public enum ValueKind { Digits, Phone, Id, Number, Amount, Date, Time, Percent, Text }

/// <summary>
/// Entry point for menus and calls: picks the speaker of a language and parses a value given as text, so a play
/// item maps straight to prompt ids. Every refusal names the kind, the value and the expected shape.
/// </summary>
public static partial class ValueSpeakers
{
    static readonly IValueSpeaker Mandarin = new MandarinSpeaker();
    static readonly IValueSpeaker English = new EnglishSpeaker();

    /// <summary>The speaker of a catalogue language (zh-CN, en-US) or Asterisk folder (zh, en).</summary>
    public static IValueSpeaker For(string language) => language switch
    {
        "zh-CN" or "zh" or "zh_CN" => Mandarin,
        "en-US" or "en" or "en_US" => English,
        _ => throw new SpokenValueException($"no value speaker for language '{language}' (zh-CN or en-US)"),
    };

    /// <summary>Parses a kind name as menus write it (digits, phone, id, number, amount, date, time, percent).</summary>
    public static ValueKind ParseKind(string kind) =>
        Enum.TryParse<ValueKind>(kind, ignoreCase: true, out var k) && !int.TryParse(kind, out _) ? k
        : throw new SpokenValueException($"unknown value kind '{kind}' (one of {string.Join(", ", Enum.GetNames<ValueKind>().Select(n => n.ToLowerInvariant()))})");

    /// <summary>The word prompt ids that speak <paramref name="value"/> of <paramref name="kind"/> in <paramref name="language"/>.</summary>
    public static IReadOnlyList<string> Speak(string kind, string value, string language) => Speak(ParseKind(kind), value, language);

    public static IReadOnlyList<string> Speak(ValueKind kind, string value, string language)
    {
        var speaker = For(language);
        var text = value.Trim();
        return kind switch
        {
            ValueKind.Digits => speaker.Digits(text, DigitStyle.Plain),
            ValueKind.Phone or ValueKind.Id => speaker.Digits(text, DigitStyle.PhoneOrId),
            ValueKind.Number => speaker.Number(ParseWhole(text)),
            ValueKind.Amount => speaker.Amount(ParseDecimal(kind, text, "1234.50")),
            ValueKind.Percent => speaker.Percent(ParseDecimal(kind, text, "12.5")),
            ValueKind.Date => speaker.Date(DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw Shape(kind, text, "2024-11-22 or 20241122")),
            ValueKind.Time => speaker.Time(TimeOnly.TryParseExact(text, ["HH:mm", "HHmm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
                : throw Shape(kind, text, "14:05")),
            ValueKind.Text => throw new SpokenValueException(
                $"text '{text}' has no word prompts: it is rendered during the call by runtime speech (RuntimeSpeech)"),
            _ => throw new SpokenValueException($"unknown value kind {kind}"),
        };
    }

    static long ParseWhole(string text)
    {
        if (text.StartsWith('-') && long.TryParse(text, out var negative)) return SpokenValueRules.CheckNumber(negative);
        if (!WholeShape().IsMatch(text)) throw Shape(ValueKind.Number, text, "10001 (digits only)");
        return long.TryParse(text, out var n) ? n
            : throw new SpokenValueException($"number {text} is larger than {SpokenValueRules.MaxNumber:N0}, the largest that can be spoken");
    }

    static decimal ParseDecimal(ValueKind kind, string text, string example)
    {
        if (text.StartsWith('-') && decimal.TryParse(text, CultureInfo.InvariantCulture, out var negative))
            return negative; // refused by the speaker, whose message states the allowed range
        if (!DecimalShape().IsMatch(text)) throw Shape(kind, text, example);
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d
            : throw Shape(kind, text, example);
    }

    static SpokenValueException Shape(ValueKind kind, string text, string example) =>
        new($"{kind.ToString().ToLowerInvariant()} '{text}' is not in the expected form, e.g. {example}");

    [GeneratedRegex(@"^\d{1,20}$")]
    private static partial Regex WholeShape();

    [GeneratedRegex(@"^\d{1,20}(\.\d{1,8})?$")]
    private static partial Regex DecimalShape();
}
