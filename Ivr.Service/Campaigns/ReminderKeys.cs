namespace Ivr.Service.Campaigns;

/// <summary>
/// What the keys pressed in a reminder call (menus/outbound-reminder.yaml) ask of the campaign. The reminder's menu
/// offers 1 (hear it again), 2 (by SMS) and 0 (a seat); keys after 0 belong to the seat part (a survey score), so
/// only the keys before it count.
/// </summary>
public static class ReminderKeys
{
    public const char Sms = '2';
    public const char Seat = '0';

    /// <summary>True when the taxpayer pressed 2 at the reminder.</summary>
    public static bool AsksForSms(string? keys) =>
        keys is { Length: > 0 } && (keys.IndexOf(Seat) is var seat and >= 0 ? keys[..seat] : keys).Contains(Sms);
}
