namespace Ivr.Service.Cli;

/// <summary>The `ivr` command: one verb per capability, each implemented in that capability's folder.</summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length == 0 || args[0].StartsWith('-') ? "serve" : args[0];
        var rest = args.Length == 0 || args[0].StartsWith('-') ? args : args[1..];
        switch (verb)
        {
            case "serve":
                await ServiceHost.RunAsync(rest);
                return 0;
            case "phone":
                return await Ivr.Service.Phone.PhoneCommand.RunAsync(rest);
            case "menus":
                return await Ivr.Service.Menus.MenuCommands.RunAsync(rest);
            case "prompts":
                return await Ivr.Service.Speech.PromptCommands.RunAsync(rest);
            case "campaigns":
                return await Ivr.Service.Campaigns.CampaignCommands.RunAsync(rest);
            case "calls":
                return await Ivr.Service.Calls.Records.CallsCommand.RunAsync(rest, Console.Out, Console.Error);
            case "taxpayers":
                return await Ivr.Service.SelfService.Filing.TaxpayersCommand.RunAsync(rest);
            case "invoices":
                return await Ivr.Service.SelfService.Invoices.InvoiceCommands.RunAsync(rest);
            case "help" or "--help" or "-h":
                PrintHelp(Console.Out);
                return 0;
            default:
                Console.Error.WriteLine($"ivr: unknown command '{verb}'.");
                PrintHelp(Console.Error);
                return 2;
        }
    }

    static void PrintHelp(TextWriter w) => w.WriteLine("""
        usage: ivr [serve] [--urls URL]     run the service (ARI from Ari:Url / IVR_ARI_URL)
               ivr phone [--number 12366] [--caller N]   a terminal telephone (ARI from IVR_ARI_URL)
               ivr menus validate|test|graph|simulate ...
               ivr prompts build|lint ...
               ivr campaigns ...                  campaigns: list, create, schedule, pause, results
               ivr invoices seed-sample           load the demo invoices into PostgreSQL (IVR_POSTGRES)
               ivr taxpayers seed-sample          load the demo taxpayers and filings into PostgreSQL
               ivr calls [--last N] | monthly YYYY-MM    the last calls; a month's statistics (admin API)
        """);
}
