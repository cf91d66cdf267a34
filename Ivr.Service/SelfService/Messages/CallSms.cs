using System.Security.Cryptography;
using System.Text;
using Ivr.Service.Calls.Menu;
using Ivr.Service.SelfService.Reminders;
using Ivr.Service.Sms;
using StackExchange.Redis;

namespace Ivr.Service.SelfService.Messages;

/// <summary>
/// Sends the SMS of menus' <c>sms</c> nodes through the <see cref="ISmsSender"/>. Once per call and message: the first
/// sender claims <c>{prefix}call-sms:{channel}:{digest of template, number and parameters}</c> in Redis, so a node
/// entered again (a call taken over by another instance) sends nothing more, while a second, different ticket in the
/// same call still goes out. A reminder-kind template also needs the number's consent and no opt-out. The call's
/// result never depends on the provider: what it refuses is logged for operators.
/// </summary>
public sealed partial class CallSms(ISmsSender sender, SmsConsents consents, IConnectionMultiplexer redis, string keyPrefix, ILogger<CallSms> logger)
    : IMenuSms
{
    /// <summary>Longer than any call, so a call resumed late still finds its claim.</summary>
    static readonly TimeSpan ClaimLifetime = TimeSpan.FromDays(1);

    Task IMenuSms.SendAsync(MenuSms sms, CancellationToken ct) => SendAsync(sms, ct);

    public async Task<CallSmsOutcome> SendAsync(MenuSms sms, CancellationToken ct)
    {
        var kind = CallSmsTemplates.KindOf(sms.Template);
        if (CallerNumber.Mobile(sms.To) is not { } phone)
        {
            LogSkipped(logger, sms.ChannelId, sms.Template, SmsHttp.Mask(sms.To), "not a mobile number");
            return CallSmsOutcome.NotMobile;
        }
        if (kind == CallSmsKind.Reminder && !await consents.MayRemindAsync(phone, ct))
        {
            LogSkipped(logger, sms.ChannelId, sms.Template, SmsHttp.Mask(phone), "no consent, or opted out");
            return CallSmsOutcome.NoConsent;
        }
        var outId = $"{sms.Template}-{Guid.NewGuid():N}";
        // Claimed before sending: a crash right after the claim loses this SMS rather than sending it twice.
        if (!await redis.GetDatabase().StringSetAsync(ClaimKey(sms, phone), outId, ClaimLifetime, When.NotExists))
        {
            LogSkipped(logger, sms.ChannelId, sms.Template, SmsHttp.Mask(phone), "already sent in this call");
            return CallSmsOutcome.AlreadySent;
        }
        var result = await sender.SendAsync(new SmsMessage(outId, phone, sms.Template, sms.Parameters), ct);
        if (result.Outcome == SmsOutcome.Accepted) return CallSmsOutcome.Sent;
        LogNotSent(logger, sms.ChannelId, sms.Template, SmsHttp.Mask(phone), result.Outcome, result.Code ?? "", result.Detail ?? "");
        return CallSmsOutcome.NotAccepted;
    }

    string ClaimKey(MenuSms sms, string phone)
    {
        var text = new StringBuilder(sms.Template).Append('\n').Append(phone);
        foreach (var (name, value) in sms.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) text.Append('\n').Append(name).Append('=').Append(value);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..24];
        return $"{keyPrefix}call-sms:{sms.ChannelId}:{digest}";
    }

    [LoggerMessage(EventId = 6330, Level = LogLevel.Warning,
        Message = "call {Channel}: SMS {Template} to {Phone} not accepted by the provider: {Outcome} {Code} {Detail}")]
    static partial void LogNotSent(ILogger logger, string channel, string template, string phone, SmsOutcome outcome, string code, string detail);

    [LoggerMessage(EventId = 6331, Level = LogLevel.Information, Message = "call {Channel}: SMS {Template} to {Phone} not sent: {Why}")]
    static partial void LogSkipped(ILogger logger, string channel, string template, string phone, string why);
}
