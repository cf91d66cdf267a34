namespace Ivr.Service.SelfService.Messages;

/// <summary>
/// What each SMS template of the menus is: a <see cref="CallSmsKind.Notification"/> answers what the caller just did in
/// the call (a ticket, a confirmation) and goes to the calling number; a <see cref="CallSmsKind.Reminder"/> is
/// marketing-like and needs the number's standing consent and no opt-out (MIIT order 31).
/// </summary>
public static class CallSmsTemplates
{
    public static readonly IReadOnlyDictionary<string, CallSmsKind> Kinds = new Dictionary<string, CallSmsKind>(StringComparer.Ordinal)
    {
        ["complaint-ticket"] = CallSmsKind.Notification,
        ["subscription-confirmed"] = CallSmsKind.Notification,
        ["filing-reminder"] = CallSmsKind.Reminder,
    };

    public static CallSmsKind KindOf(string template) => Kinds.TryGetValue(template, out var kind) ? kind
        : throw new ArgumentException($"SMS template '{template}' has no kind in CallSmsTemplates (known: {string.Join(", ", Kinds.Keys)}); " +
                                      "add it there beside HostRegistry.SmsTemplates");
}

public enum CallSmsKind { Notification, Reminder }

/// <summary>What became of one sms node's message.</summary>
public enum CallSmsOutcome
{
    /// <summary>The provider accepted it.</summary>
    Sent,
    /// <summary>The provider refused or failed it (logged; the call goes on).</summary>
    NotAccepted,
    /// <summary>The same message of the same call went out before (the node entered again, e.g. after a takeover).</summary>
    AlreadySent,
    /// <summary>A reminder to a number without consent, or opted out.</summary>
    NoConsent,
    /// <summary>Not a mobile number: no SMS reaches it.</summary>
    NotMobile,
}
