using Ivr.Service.Data;
using Ivr.Service.SelfService.Filing;
using Ivr.Tests.Infrastructure;
using Npgsql;

namespace Ivr.Tests.SelfService.Filing;

/// <summary>A migrated database of its own holding the demo taxpayers (seeded for <see cref="Today"/>), shared by a test class.</summary>
public sealed class TaxpayerDatabase : IAsyncLifetime
{
    public static readonly DateOnly Today = new(2026, 11, 23);

    readonly PostgresDatabase _database = new();

    public NpgsqlDataSource Db { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await MigrationRunner.MigrateAsync(_database.ConnectionString);
        Db = NpgsqlDataSource.Create(_database.ConnectionString);
        await SampleTaxpayers.SeedAsync(Db, Today, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        await _database.DisposeAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var value in values) cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        var result = await cmd.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }
}
