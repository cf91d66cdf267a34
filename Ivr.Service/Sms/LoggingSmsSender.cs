using System.Collections.Concurrent;

namespace Ivr.Service.Sms;

/// <summary>
/// The demo sender: logs each message (phone masked) instead of sending it. It remembers what it "sent" for this
/// process only, so after a restart an unresolved send is reported as not sent.
/// </summary>
public sealed partial class LoggingSmsSender(ILogger<LoggingSmsSender> logger) : ISmsSender
{
    readonly ConcurrentDictionary<string, bool> sent = new();

    public string Provider => "log";

    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct)
    {
        sent[message.OutId] = true;
        LogSent(logger, message.OutId, SmsHttp.Mask(message.Phone), message.TemplateCode, string.Join(", ", message.Parameters.Select(p => $"{p.Key}={p.Value}")));
        return Task.FromResult(new SmsSendResult(SmsOutcome.Accepted, message.OutId, "OK"));
    }

    public Task<SmsLookup> LookupAsync(SmsMessage message, DateTimeOffset sentAround, CancellationToken ct) =>
        Task.FromResult(new SmsLookup(sent.ContainsKey(message.OutId) ? SmsLookupOutcome.Sent : SmsLookupOutcome.NotSent));

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "SMS {OutId} to {Phone}: template {Template} ({Parameters})")]
    static partial void LogSent(ILogger logger, string outId, string phone, string template, string parameters);
}
