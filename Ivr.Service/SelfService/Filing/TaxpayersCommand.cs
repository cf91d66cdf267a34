using Ivr.Service.Campaigns;
using Ivr.Service.Data;
using Npgsql;

namespace Ivr.Service.SelfService.Filing;

/// <summary>`ivr taxpayers seed-sample`: migrates the database and loads the demo taxpayers (see <see cref="SampleTaxpayers"/>).</summary>
public static class TaxpayersCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["seed-sample"])
        {
            Console.Error.WriteLine("usage: ivr taxpayers seed-sample    load the demo taxpayers into IVR_POSTGRES (Campaigns:Postgres)");
            return 2;
        }
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        if (CampaignServices.PostgresOf(config) is not { } postgres)
        {
            Console.Error.WriteLine("ivr taxpayers: no database; set IVR_POSTGRES (or Campaigns__Postgres) to a PostgreSQL connection string");
            return 1;
        }
        await MigrationRunner.MigrateAsync(postgres);
        await using var db = NpgsqlDataSource.Create(postgres);
        await SampleTaxpayers.SeedAsync(db, ChinaTime.Today(TimeProvider.System), CancellationToken.None);
        Console.WriteLine($"sample taxpayers loaded; calling from {SampleTaxpayers.DemoCaller}, filing status (main menu 2, 2) answers:");
        foreach (var row in SampleTaxpayers.Rows) Console.WriteLine($"  {row.Id}  {row.Name}: {row.Hears}");
        return 0;
    }
}
