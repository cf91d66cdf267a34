namespace Ivr.Menus.Input;

/// <summary>A date keyed as YYYYMMDD that exists on the calendar and is not in the future.</summary>
public static class CalendarDate
{
    public static DigitCheck Check(string digits, DateOnly today)
    {
        if (digits.Length != 8 || !DigitValidators.IsDate(digits, out var date))
            return new DigitCheck.Invalid($"'{digits}' is not a calendar date keyed as YYYYMMDD");
        return date > today ? new DigitCheck.Invalid($"{date:yyyy-MM-dd} is in the future") : DigitCheck.Ok(digits);
    }
}
