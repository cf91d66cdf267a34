namespace Ivr.Service.Calls.Menu;

/// <summary>What a menu's <c>sms</c> node asks to send during a call: a template, the number, and its parameters.</summary>
public sealed record MenuSms(string ChannelId, string Template, string To, IReadOnlyDictionary<string, string> Parameters);

/// <summary>Sends the SMS of menus' <c>sms</c> nodes (the one place call SMS go out; actions send none themselves).</summary>
public interface IMenuSms
{
    Task SendAsync(MenuSms sms, CancellationToken ct);
}
