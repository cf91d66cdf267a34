using Ivr.Service.Data;
using Ivr.Service.SelfService.Invoices.Registry;
using Npgsql;

namespace Ivr.Service.SelfService.Invoices;

/// <summary><c>ivr invoices seed-sample</c>: migrates the registry's database and loads the demo's sample invoices into it.</summary>
public static class InvoiceCommands
{
    const string Usage = "usage: ivr invoices seed-sample    (PostgreSQL from Invoices:Postgres / Invoices__Postgres, else IVR_POSTGRES)";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["seed-sample"])
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var config = new ConfigurationBuilder().AddEnvironmentVariables().AddJsonFile("appsettings.json", optional: true).Build();
        if (InvoiceServices.PostgresOf(config) is not { } postgres)
        {
            Console.Error.WriteLine("ivr invoices: no PostgreSQL: set Invoices__Postgres or IVR_POSTGRES");
            return 1;
        }
        try
        {
            await MigrationRunner.MigrateAsync(postgres);
            await using var database = NpgsqlDataSource.Create(postgres);
            var count = await SampleInvoices.SeedAsync(database, SampleInvoices.Read(BeijingDay.Today(TimeProvider.System)));
            Console.WriteLine($"loaded {count} sample invoices (docs/invoice-verification.md says what to key in for each result)");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NpgsqlException)
        {
            Console.Error.WriteLine($"ivr invoices seed-sample: {e.Message}");
            return 1;
        }
    }
}
