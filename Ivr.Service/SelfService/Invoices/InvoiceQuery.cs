using System.Globalization;
using Ivr.Menus.Input;

namespace Ivr.Service.SelfService.Invoices;

/// <summary>Which field besides code, number and date proves the caller holds the invoice (see docs/invoice-verification.md).</summary>
public enum CheckKind
{
    /// <summary>不含税金额: 增值税专用发票, 机动车发票, 货运专票.</summary>
    AmountBeforeTax,

    /// <summary>The last 6 digits of the 校验码: 普通发票, electronic 普票, 卷票, 通行费发票.</summary>
    CheckCode,

    /// <summary>价税合计: 数电票 and 二手车发票.</summary>
    Total,
}

/// <summary>
/// One check as keyed by the caller: <see cref="Code"/> is empty for a 数电票 (20-digit number), else 10 or 12 digits
/// with an 8-digit number; <see cref="Check"/> is an amount (1234.50) or 6 digits, as <see cref="CheckKind"/> says.
/// </summary>
public sealed record InvoiceQuery(string Code, string Number, DateOnly IssuedOn, CheckKind CheckKind, string Check)
{
    public bool IsDigital => Code.Length == 0;

    /// <summary>The check as an amount of yuan; only for the amount kinds.</summary>
    public decimal CheckAmount => CheckKind == CheckKind.CheckCode
        ? throw new InvalidOperationException($"invoice {Number} is checked by its check code, not an amount")
        : decimal.Parse(Check, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the menu's arguments (code, number, date, check), validating them as the menu's digit validators do.
    /// Throws <see cref="InvalidInvoiceQueryException"/> naming the argument and what is wrong with it.
    /// </summary>
    public static InvoiceQuery Parse(IReadOnlyDictionary<string, string> arguments, DateOnly today)
    {
        var code = Argument(arguments, "code");
        var number = Argument(arguments, "number");
        var (kind, checkKind) = code.Length == 0
            ? (Validate("number", "digital-invoice-number", number, today).Derived["kind"], CheckKind.Total)
            : KindOf(Validate("code", "invoice-code", code, today).Derived["kind"]);
        if (code.Length > 0) Validate("number", "invoice-number", number, today);
        var date = Validate("date", "date", Argument(arguments, "date"), today).Value;
        var check = Argument(arguments, "check");
        if (checkKind == CheckKind.CheckCode) Validate("check", "check-code-6", check, today);
        else if (!decimal.TryParse(check, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                 || decimal.Round(amount, 2) != amount || check.StartsWith('.'))
            throw new InvalidInvoiceQueryException("check", $"a {kind} invoice is checked by an amount such as 1234.50, got '{check}'");
        return new InvoiceQuery(code, number, DateOnly.ParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture), checkKind, check);
    }

    static (string Kind, CheckKind Check) KindOf(string kind) => (kind, kind switch
    {
        "special" or "motor" or "freight" => CheckKind.AmountBeforeTax,
        "used-car" => CheckKind.Total,
        _ => CheckKind.CheckCode,
    });

    static string Argument(IReadOnlyDictionary<string, string> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value.Trim()
        : throw new InvalidInvoiceQueryException(name, "is missing (the menu's action node must pass code, number, date and check)");

    static DigitCheck.Valid Validate(string argument, string validator, string value, DateOnly today) =>
        DigitValidators.Check(validator, value, today) switch
        {
            DigitCheck.Valid valid => valid,
            DigitCheck.Invalid invalid => throw new InvalidInvoiceQueryException(argument, invalid.Reason),
            var other => throw new InvalidInvoiceQueryException(argument, $"'{value}' is not one value ({other})"),
        };
}

/// <summary>An argument of <c>invoice.verify</c> that no invoice can have; the message names the argument and the rule.</summary>
public sealed class InvalidInvoiceQueryException(string argument, string reason)
    : FormatException($"invoice.verify argument '{argument}': {reason}")
{
    public string Argument { get; } = argument;
}
