namespace Ivr.Service.Speech.Values;

/// <summary>How a digit string is read: plain (一) or as Chinese hotlines read phone numbers and ids (幺 for 1).</summary>
public enum DigitStyle { Plain, PhoneOrId }

/// <summary>
/// Turns a typed value into the word prompts that speak it in one language, in order (played as sound:&lt;id&gt;).
/// Values outside <see cref="SpokenValueRules"/> are refused with a <see cref="SpokenValueException"/>.
/// </summary>
public interface IValueSpeaker
{
    /// <summary>Catalogue language (zh-CN, en-US).</summary>
    string Language { get; }

    /// <summary>One word per character: digits 0–9 and, for ids, letters A–Z.</summary>
    IReadOnlyList<string> Digits(string digits, DigitStyle style);

    /// <summary>A whole number from 0 to <see cref="SpokenValueRules.MaxNumber"/>.</summary>
    IReadOnlyList<string> Number(long value);

    /// <summary>Yuan with up to two decimals (角 and 分).</summary>
    IReadOnlyList<string> Amount(decimal yuan);

    /// <summary>Year, month, day and weekday.</summary>
    IReadOnlyList<string> Date(DateOnly date);

    /// <summary>Time of day to the minute.</summary>
    IReadOnlyList<string> Time(TimeOnly time);

    /// <summary>A percentage such as 12.5 (for 12.5%).</summary>
    IReadOnlyList<string> Percent(decimal percent);
}

/// <summary>A value cannot be spoken; the message names the value and the rule it breaks.</summary>
public sealed class SpokenValueException(string message) : Exception(message);
