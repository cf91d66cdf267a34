using System.Collections.Concurrent;
using Ivr.Service.Sms;

namespace Ivr.Tests.SelfService;

/// <summary>An SMS provider that keeps what it was given, answering <paramref name="outcome"/>.</summary>
public sealed class SentSms(SmsOutcome outcome = SmsOutcome.Accepted) : ISmsSender
{
    readonly SemaphoreSlim _arrived = new(0);

    public ConcurrentQueue<SmsMessage> Messages { get; } = new();

    /// <summary>The messages once there are <paramref name="count"/> (SMS of calls go out beside the call, not in its turn).</summary>
    public async Task<IReadOnlyList<SmsMessage>> WaitForAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Messages.Count < count)
            Assert.True(await _arrived.WaitAsync(Max(until - DateTime.UtcNow, TimeSpan.Zero)), $"{Messages.Count} SMS sent, {count} expected");
        return [.. Messages];
    }

    static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public string Provider => "test";

    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct)
    {
        Messages.Enqueue(message);
        _arrived.Release();
        return Task.FromResult(new SmsSendResult(outcome, message.OutId, outcome.ToString()));
    }

    public Task<SmsLookup> LookupAsync(SmsMessage message, DateTimeOffset sentAround, CancellationToken ct) =>
        Task.FromResult(new SmsLookup(SmsLookupOutcome.Unknown));
}
