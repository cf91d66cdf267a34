namespace Ivr.Menus.Input;

/// <summary>
/// The validators built into the menu language, by the name a `collect` node gives in `validator:`.
/// Today comes in from the caller of the engine (there is no clock here), for date and year checks.
/// </summary>
public static class DigitValidators
{
    static readonly Dictionary<string, Func<string, DateOnly, DigitCheck>> All = new(StringComparer.Ordinal)
    {
        ["invoice-code"] = InvoiceCode.Check,
        ["invoice-number"] = (d, _) => FixedDigits(d, 8, "invoice number"),
        ["digital-invoice-number"] = DigitalInvoiceNumber.Check,
        ["date"] = CalendarDate.Check,
        ["amount"] = (d, _) => Amount.Check(d),
        ["check-code-6"] = (d, _) => FixedDigits(d, 6, "last 6 digits of the check code"),
        ["credit-code"] = (d, _) => CreditCode.Check(d),
        ["id-card"] = IdCard.Check,
        ["taxpayer-id"] = TaxpayerIdKeys.Check,
        ["mobile"] = (d, _) => Mobile.Check(d),
    };

    public static IReadOnlyCollection<string> Names => All.Keys;

    public static bool Exists(string name) => All.ContainsKey(name);

    public static DigitCheck Check(string name, string digits, DateOnly today) =>
        All.TryGetValue(name, out var check) ? check(digits, today)
            : throw new ArgumentException($"no built-in digit validator '{name}'", nameof(name));

    internal static DigitCheck FixedDigits(string digits, int length, string what) =>
        digits.Length == length && digits.All(char.IsAsciiDigit) ? DigitCheck.Ok(digits)
            : new DigitCheck.Invalid($"{what} must be {length} digits, got {digits.Length} key(s)");

    internal static bool IsDate(string yyyymmdd, out DateOnly date) =>
        DateOnly.TryParseExact(yyyymmdd, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);
}
