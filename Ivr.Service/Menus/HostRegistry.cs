using Ivr.Menus.Validation;
using Ivr.Service.Speech;

namespace Ivr.Service.Menus;

/// <summary>
/// What this service offers to the menus: the 12366 actions with their arguments, result codes and outputs, the
/// queues, calendars, SMS templates and entries. Declarations only; the calls work implements the actions.
/// </summary>
public static class HostRegistry
{
    public static readonly IReadOnlyList<ActionDeclaration> Actions =
    [
        new("invoice.verify", "Checks an invoice with the national invoice service (code empty for 数电票; check = amount, check-code digits or total).",
            ["code", "number", "date", "check"],
            ["match", "mismatch", "not_found", "voided", "red_reversed", "limit_exceeded", "issued_today", "too_old", "error"],
            ["seller", "date", "amount"]),
        new("filing.deadline", "This period's filing deadline for a tax, from the published calendar.", ["tax"], ["ok", "error"], ["deadline"]),
        new("filing.status", "Whether a taxpayer has filed for the current period (only to a number registered for the taxpayer).", ["taxpayer-id"],
            ["filed", "not_filed", "unknown_taxpayer", "not_authorised", "error"], ["period", "filed-on"]),
        new("sms.subscribe", "Stores the caller's consent and subscribes the number to filing reminders.", ["taxpayer-id", "mobile", "consent"],
            ["subscribed", "already", "error"], []),
        new("sms.unsubscribe", "Withdraws consent and stops reminders to a number.", ["mobile"], ["unsubscribed", "not_subscribed", "error"], []),
        new("complaint.create", "Files a complaint or report with its recording; answers are due within 2 working days.", ["kind", "recording", "caller"],
            ["created", "error"], ["ticket", "answer-by"]),
        new("survey.record", "Stores the caller's satisfaction score for the seat call.", ["score"], ["stored", "error"], []),
    ];

    public static readonly IReadOnlySet<string> Queues = new HashSet<string> { "general", "tax-policy", "invoicing-software" };
    public static readonly IReadOnlySet<string> Calendars = new HashSet<string> { "seat-hours" };
    public static readonly IReadOnlySet<string> SmsTemplates = new HashSet<string> { "complaint-ticket", "subscription-confirmed", "filing-reminder" };
    public static readonly IReadOnlySet<string> Entries = new HashSet<string> { "12366", "campaign:filing-reminder" };

    /// <summary>
    /// The catalogue for validating menus. A prompt counts in a language when the catalogue has its text, and, when
    /// <paramref name="soundsRoot"/> is given, also a recorded prompts/sounds/&lt;folder&gt;/&lt;id&gt;.wav.
    /// </summary>
    public static HostCatalog Catalog(PromptCatalog prompts, string? soundsRoot = null) => new()
    {
        Actions = Actions.ToDictionary(a => a.Name),
        Queues = Queues,
        Calendars = Calendars,
        SmsTemplates = SmsTemplates,
        RequiredEntries = Entries,
        Prompts = prompts.Prompts.Values.ToDictionary(p => p.Id, p => (IReadOnlySet<string>)p.Texts.Keys
            .Where(language => soundsRoot is null || File.Exists(Path.Combine(soundsRoot, prompts.FolderOf(language), p.Id + ".wav")))
            .ToHashSet()),
    };
}
