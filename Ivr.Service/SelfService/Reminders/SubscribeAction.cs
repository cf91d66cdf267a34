using Ivr.Menus.Input;
using Ivr.Service.Calls.Menu;

namespace Ivr.Service.SelfService.Reminders;

/// <summary>
/// sms.subscribe: stores the caller's consent (how it was given and in which call) to filing reminders for a taxpayer,
/// answering <c>subscribed</c> only when that changed something, so the menu's <c>subscribe-sms</c> node confirms a new
/// subscription by SMS (the action sends none itself). Only a mobile number can subscribe: SMS reach no landline.
/// </summary>
public sealed class SubscribeAction(SmsConsents consents, TimeProvider time) : IMenuAction
{
    public string Name => "sms.subscribe";

    public async Task<ActionResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct)
    {
        var keyed = ActionArguments.Required(arguments, Name, "taxpayer-id");
        var via = ActionArguments.Required(arguments, Name, "consent");
        var mobileText = ActionArguments.Required(arguments, Name, "mobile");
        var mobile = CallerNumber.Mobile(mobileText)
            ?? throw new ArgumentException($"{Name}: argument 'mobile' ({Sms.SmsHttp.Mask(mobileText)}) is not a mobile number, so no reminder could reach it");
        if (Filing.TaxpayerId.Check(keyed, ChinaTime.Today(time)) is not DigitCheck.Valid id)
            throw new ArgumentException($"{Name}: argument 'taxpayer-id' ({Filing.TaxpayerId.Masked(keyed)}) is not a taxpayer id");
        var source = new SmsConsents.Source(via, call.ChannelId, time.GetUtcNow());
        return ActionResult.Of(await consents.GiveAsync(mobile, id.Value, source, ct) ? "subscribed" : "already");
    }
}
