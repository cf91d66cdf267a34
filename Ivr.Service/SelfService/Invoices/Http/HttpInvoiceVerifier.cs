using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Ivr.Service.SelfService.Invoices.Http;

/// <summary>
/// Asks the upstream verification service (contract in docs/invoice-verification.md) through the named HttpClient
/// <see cref="ClientName"/>, whose resilience pipeline (<see cref="InvoiceResilience"/>) retries and breaks the circuit.
/// Anything that is not a well-formed answer becomes <c>error</c>, so the caller takes the menu's failure path at once
/// instead of hearing a guess.
/// </summary>
public sealed partial class HttpInvoiceVerifier(IHttpClientFactory clients, HttpVerifierOptions options, ILogger<HttpInvoiceVerifier> logger)
    : IInvoiceVerifier
{
    public const string ClientName = "invoice-verifier";

    static readonly InvoiceVerification Error = new(InvoiceOutcome.Error);

    public async Task<InvoiceVerification> VerifyAsync(InvoiceQuery query, CancellationToken ct)
    {
        var http = clients.CreateClient(ClientName);
        try
        {
            using var response = await http.PostAsJsonAsync(options.Url, RequestOf(query), VerifyJson.Default.VerifyRequest, ct);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(logger, (int)response.StatusCode);
                return Error;
            }
            return Read(await response.Content.ReadFromJsonAsync(VerifyJson.Default.VerifyResponse, ct));
        }
        catch (BrokenCircuitException)
        {
            LogCircuitOpen(logger);
            return Error;
        }
        catch (Exception e) when (e is TimeoutRejectedException or HttpRequestException or JsonException)
        {
            LogFailed(logger, e.GetType().Name, e.Message);
            return Error;
        }
    }

    static VerifyRequest RequestOf(InvoiceQuery query) => new(query.Code, query.Number,
        query.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        query.CheckKind switch { CheckKind.AmountBeforeTax => "amount-before-tax", CheckKind.CheckCode => "check-code", _ => "total" },
        query.Check);

    InvoiceVerification Read(VerifyResponse? reply)
    {
        var outcome = reply?.Result is { } code ? InvoiceVerification.FromCode(code) : null;
        if (outcome is null || outcome == InvoiceOutcome.Error)
        {
            LogUnexpected(logger, reply?.Result ?? "(no result)");
            return Error;
        }
        if (outcome != InvoiceOutcome.Match) return new InvoiceVerification(outcome.Value);
        if (reply!.Invoice is { Seller: { } seller, Date: { } date, Total: { } total }
            && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var issuedOn) && total >= 0)
            return InvoiceVerification.Matched(new InvoiceDetails(seller, issuedOn, total));
        LogUnexpected(logger, "match without invoice seller, date (yyyy-MM-dd) and total");
        return Error;
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Warning, Message = "invoice verification service refused the check with HTTP {Status}: answered 'error'")]
    static partial void LogRefused(ILogger logger, int status);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Warning, Message = "invoice verification service unreachable ({Kind}: {Reason}): answered 'error'")]
    static partial void LogFailed(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Warning, Message = "invoice verification circuit is open after repeated failures: answered 'error' without asking")]
    static partial void LogCircuitOpen(ILogger logger);

    [LoggerMessage(EventId = 6304, Level = LogLevel.Error, Message = "invoice verification service answered {Result}, which the contract does not allow: answered 'error'")]
    static partial void LogUnexpected(ILogger logger, string result);
}
