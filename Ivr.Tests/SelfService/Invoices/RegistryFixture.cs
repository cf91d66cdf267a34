using Ivr.Service.Data;
using Ivr.Service.SelfService.Invoices;
using Ivr.Service.SelfService.Invoices.Registry;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Ivr.Tests.SelfService.Invoices;

/// <summary>A fresh database migrated and loaded with the sample invoices, on a clock at noon Beijing time on 2026-11-23.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public static readonly DateOnly Today = new(2026, 11, 23);

    readonly PostgresDatabase _database = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 4, 0, 0, TimeSpan.Zero));

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await MigrationRunner.MigrateAsync(_database.ConnectionString);
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await SampleInvoices.SeedAsync(DataSource, SampleInvoices.Read(BeijingDay.Today(Time)));
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}
