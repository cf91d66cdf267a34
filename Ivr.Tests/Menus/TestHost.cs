using Ivr.Menus.Loading;
using Ivr.Menus.Validation;

namespace Ivr.Tests.Menus;

/// <summary>A small host catalogue and a one-file loader for menu tests written inline.</summary>
public static class TestHost
{
    static readonly IReadOnlySet<string> Both = new HashSet<string> { "zh-CN", "en-US" };

    public static readonly HostCatalog Catalog = new()
    {
        Actions = new Dictionary<string, ActionDeclaration>
        {
            ["invoice.verify"] = new("invoice.verify", "checks an invoice", ["code", "number"], ["match", "mismatch", "not_found"], ["seller", "amount"]),
            ["ticket.create"] = new("ticket.create", "files a complaint", ["recording"], ["created", "error"], ["ticket"]),
        },
        Queues = new HashSet<string> { "general", "vat" },
        Calendars = new HashSet<string> { "seat-hours" },
        SmsTemplates = new HashSet<string> { "ticket" },
        RequiredEntries = new HashSet<string> { "12366" },
        Prompts = new Dictionary<string, IReadOnlySet<string>>
        {
            ["welcome"] = Both, ["main-menu"] = Both, ["invalid"] = Both, ["no-input"] = Both, ["goodbye"] = Both,
            ["confirm"] = Both, ["enter-code"] = Both, ["result-match"] = Both, ["zh-only"] = new HashSet<string> { "zh-CN" },
            ["rate-us"] = Both, ["after-beep"] = Both,
        },
    };

    public static MenuLoadResult Load(string yaml, string file = "menu.yaml") => MenuLoader.Load([new MenuSource(file, yaml)], Catalog);
}
