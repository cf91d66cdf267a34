using Ivr.Service.Sms;

namespace Ivr.Service.SelfService;

/// <summary>
/// Sends the SMS an action promises during a call (subscription confirmed, complaint ticket). The action's own result
/// stands whatever the provider answers: the consent or ticket is stored, and the outcome is logged for operators.
/// </summary>
public sealed partial class CallSms(ISmsSender sender, ILogger<CallSms> logger)
{
    public async Task SendAsync(string channelId, string phone, string template, IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
    {
        var message = new SmsMessage($"{template}-{Guid.NewGuid():N}", phone, template, parameters);
        var result = await sender.SendAsync(message, ct);
        if (result.Outcome == SmsOutcome.Accepted) return;
        LogNotSent(logger, channelId, template, SmsHttp.Mask(phone), result.Outcome, result.Code ?? "", result.Detail ?? "");
    }

    [LoggerMessage(EventId = 6310, Level = LogLevel.Warning,
        Message = "call {Channel}: SMS {Template} to {Phone} not accepted by the provider: {Outcome} {Code} {Detail}")]
    static partial void LogNotSent(ILogger logger, string channel, string template, string phone, SmsOutcome outcome, string code, string detail);
}
