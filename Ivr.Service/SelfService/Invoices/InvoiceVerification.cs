namespace Ivr.Service.SelfService.Invoices;

/// <summary>The answers an invoice check can give; each maps to one result code of the <c>invoice.verify</c> action.</summary>
public enum InvoiceOutcome { Match, Mismatch, NotFound, Voided, RedReversed, LimitExceeded, IssuedToday, TooOld, Error }

/// <summary>What the caller hears about a matching invoice: seller, date of issue and total including tax.</summary>
public sealed record InvoiceDetails(string Seller, DateOnly IssuedOn, decimal Total);

/// <summary>The outcome of one check; <see cref="Details"/> only with <see cref="InvoiceOutcome.Match"/>.</summary>
public sealed record InvoiceVerification(InvoiceOutcome Outcome, InvoiceDetails? Details = null)
{
    public static InvoiceVerification Matched(InvoiceDetails details) => new(InvoiceOutcome.Match, details);

    /// <summary>The action's result code, as HostRegistry declares it for <c>invoice.verify</c>.</summary>
    public string Code => CodeOf(Outcome);

    public static string CodeOf(InvoiceOutcome outcome) => outcome switch
    {
        InvoiceOutcome.Match => "match",
        InvoiceOutcome.Mismatch => "mismatch",
        InvoiceOutcome.NotFound => "not_found",
        InvoiceOutcome.Voided => "voided",
        InvoiceOutcome.RedReversed => "red_reversed",
        InvoiceOutcome.LimitExceeded => "limit_exceeded",
        InvoiceOutcome.IssuedToday => "issued_today",
        InvoiceOutcome.TooOld => "too_old",
        _ => "error",
    };

    /// <summary>The outcome named by a result code (the upstream contract uses the action's codes); null for any other word.</summary>
    public static InvoiceOutcome? FromCode(string code) =>
        Enum.GetValues<InvoiceOutcome>().Where(o => CodeOf(o) == code).Select(o => (InvoiceOutcome?)o).FirstOrDefault();
}
