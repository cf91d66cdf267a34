namespace Ivr.Service.Sms;

/// <summary>
/// Sends one templated SMS. Implementations never throw for provider answers: every outcome, including "we cannot
/// know whether it went out" (<see cref="SmsOutcome.Ambiguous"/>), is a result the dispatcher records.
/// </summary>
public interface ISmsSender
{
    /// <summary>Provider name stored on attempts and used in receipt URLs (alibaba, tencent, webhook, log).</summary>
    string Provider { get; }

    Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct);

    /// <summary>
    /// Asks the provider whether a message whose outcome was never recorded went out. Providers that cannot
    /// tell answer <see cref="SmsLookupOutcome.Unknown"/>, and the receipt decides.
    /// </summary>
    Task<SmsLookup> LookupAsync(SmsMessage message, DateTimeOffset sentAround, CancellationToken ct);
}

/// <summary>One message: <paramref name="OutId"/> is ours, unique per attempt, echoed by providers in receipts.</summary>
public sealed record SmsMessage(string OutId, string Phone, string TemplateCode, IReadOnlyDictionary<string, string> Parameters);

public enum SmsOutcome
{
    /// <summary>The provider took the message; a receipt may follow.</summary>
    Accepted,
    /// <summary>The provider refused this message for good (bad number, template, signature): do not resend.</summary>
    Rejected,
    /// <summary>Rate limit hit: nothing was sent; slow down and send again.</summary>
    Throttled,
    /// <summary>A provider fault that certainly did not send (connection refused, system error).</summary>
    Failed,
    /// <summary>The request may have reached the provider (timeout, connection lost): reconcile, never resend blindly.</summary>
    Ambiguous,
}

public sealed record SmsSendResult(SmsOutcome Outcome, string? ProviderMessageId = null, string? Code = null, string? Detail = null);

public enum SmsLookupOutcome { Sent, NotSent, Unknown }

public sealed record SmsLookup(SmsLookupOutcome Outcome, string? ProviderMessageId = null);
