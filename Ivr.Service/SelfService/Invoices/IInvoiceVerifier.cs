namespace Ivr.Service.SelfService.Invoices;

/// <summary>
/// Checks one invoice against a source of truth: the PostgreSQL registry (<c>Invoices:Verifier = registry</c>) or the
/// upstream verification service over HTTP (<c>http</c>). Limits are not its concern; <see cref="InvoiceVerifyAction"/>
/// applies them before asking.
/// </summary>
public interface IInvoiceVerifier
{
    Task<InvoiceVerification> VerifyAsync(InvoiceQuery query, CancellationToken ct);
}
