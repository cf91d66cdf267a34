using Ivr.Service.Calls.Menu;

namespace Ivr.Service.SelfService.Reminders;

/// <summary>sms.unsubscribe: withdraws every reminder consent of the number and opts it out of campaigns.</summary>
public sealed class UnsubscribeAction(SmsConsents consents, TimeProvider time) : IMenuAction
{
    public string Name => "sms.unsubscribe";

    public async Task<ActionResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct)
    {
        var mobileText = ActionArguments.Required(arguments, Name, "mobile");
        var phone = CallerNumber.Normalise(mobileText);
        if (phone.Length == 0) throw new ArgumentException($"{Name}: argument 'mobile' has no digits (a withheld caller id?)");
        var changed = await consents.WithdrawAsync(phone, new SmsConsents.Source("call", call.ChannelId, time.GetUtcNow()), ct);
        return ActionResult.Of(changed ? "unsubscribed" : "not_subscribed");
    }
}
