using System.Collections.Concurrent;
using Ivr.Service.Sms;

namespace Ivr.Tests.SelfService;

/// <summary>An SMS provider that keeps what it was given, answering <paramref name="outcome"/>.</summary>
public sealed class SentSms(SmsOutcome outcome = SmsOutcome.Accepted) : ISmsSender
{
    public ConcurrentQueue<SmsMessage> Messages { get; } = new();

    public string Provider => "test";

    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct)
    {
        Messages.Enqueue(message);
        return Task.FromResult(new SmsSendResult(outcome, message.OutId, outcome.ToString()));
    }

    public Task<SmsLookup> LookupAsync(SmsMessage message, DateTimeOffset sentAround, CancellationToken ct) =>
        Task.FromResult(new SmsLookup(SmsLookupOutcome.Unknown));
}
