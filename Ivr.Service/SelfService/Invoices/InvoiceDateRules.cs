namespace Ivr.Service.SelfService.Invoices;

/// <summary>
/// The national service's rules on the date of issue, applied by the registry as the upstream applies them: an invoice
/// issued today is checkable from tomorrow (its data has not been reported yet), and only invoices of the last five
/// years can be checked.
/// </summary>
public static class InvoiceDateRules
{
    public const int YearsCheckable = 5;

    /// <summary>The outcome the date alone decides, or null when the invoice itself must be looked at.</summary>
    public static InvoiceOutcome? Decide(DateOnly issuedOn, DateOnly today) =>
        issuedOn == today ? InvoiceOutcome.IssuedToday
        : issuedOn < today.AddYears(-YearsCheckable) ? InvoiceOutcome.TooOld
        : null;
}
