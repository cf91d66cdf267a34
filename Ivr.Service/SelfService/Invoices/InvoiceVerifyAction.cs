using System.Globalization;
using Ivr.Service.Calls.Menu;
using Ivr.Service.SelfService.Invoices.Limits;

namespace Ivr.Service.SelfService.Invoices;

/// <summary>
/// <c>invoice.verify</c>: validates what the caller keyed, counts the check against the Redis limits, asks the
/// configured verifier and answers its result code. A match carries seller, date (20240315) and total (1234.50) for
/// the menu to speak. Arguments no invoice can have mean the menu passed something it did not validate: the action
/// declares no "bad format" code, so it answers <c>error</c> (the menu's failure path) and logs which argument.
/// </summary>
public sealed partial class InvoiceVerifyAction(IInvoiceVerifier verifier, InvoiceLimits limits, TimeProvider time, ILogger<InvoiceVerifyAction> logger)
    : IMenuAction
{
    public string Name => "invoice.verify";

    public async Task<ActionResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct)
    {
        InvoiceQuery query;
        try
        {
            query = InvoiceQuery.Parse(arguments, BeijingDay.Today(time));
        }
        catch (InvalidInvoiceQueryException e)
        {
            LogInvalid(logger, call.ChannelId, e.Message);
            return ActionResult.Of(InvoiceVerification.CodeOf(InvoiceOutcome.Error));
        }
        var verdict = await limits.TryCountAsync(query, call.CallerNumber, ct);
        if (verdict != LimitVerdict.Allowed)
        {
            LogLimited(logger, call.ChannelId, verdict);
            return ActionResult.Of(InvoiceVerification.CodeOf(InvoiceOutcome.LimitExceeded));
        }
        var verification = await verifier.VerifyAsync(query, ct);
        return verification.Details is { } details
            ? new ActionResult(verification.Code, new Dictionary<string, string>
            {
                ["seller"] = details.Seller,
                ["date"] = details.IssuedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                ["amount"] = details.Total.ToString("0.00", CultureInfo.InvariantCulture),
            })
            : ActionResult.Of(verification.Code);
    }

    [LoggerMessage(EventId = 6310, Level = LogLevel.Warning, Message = "call {Channel}: {Problem}; answered 'error'")]
    static partial void LogInvalid(ILogger logger, string channel, string problem);

    [LoggerMessage(EventId = 6311, Level = LogLevel.Information, Message = "call {Channel}: invoice check refused by {Limit}")]
    static partial void LogLimited(ILogger logger, string channel, LimitVerdict limit);
}
