using System.Diagnostics;
using Ivr.Tests.Campaigns;
using Ivr.Tests.Infrastructure;
using Npgsql;

namespace Ivr.Tests.SelfService.Invoices;

/// <summary>`ivr invoices seed-sample`, the step scripts/run.sh takes so a person can check the sample invoices by phone.</summary>
public sealed class SeedSampleCommandTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Seed_sample_migrates_an_empty_database_and_loads_the_sample_invoices()
    {
        var psi = new ProcessStartInfo("dotnet", [IvrBinary.DllPath, "invoices", "seed-sample"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["IVR_POSTGRES"] = database.ConnectionString;
        psi.Environment.Remove("Invoices__Postgres");
        psi.Environment.Remove("Campaigns__Postgres");
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {await output}{await errors}");
        Assert.Contains("loaded 13 sample invoices", await output);

        await using var c = new NpgsqlConnection(database.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from invoices where status = 'valid' and code = '4403241130' and number = '00012345'", c);
        Assert.Equal(1L, await cmd.ExecuteScalarAsync());
    }
}
