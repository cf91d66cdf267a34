using Npgsql;

namespace Ivr.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database on the real test server, dropped on dispose, so test classes (and several
/// checkouts sharing one server) never see each other's rows. Use as an xunit class or collection fixture.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public string Name { get; } = "ivr_t_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Connection string of this database.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await using var admin = new NpgsqlConnection(Servers.Postgres);
        await admin.OpenAsync();
        await using (var cmd = new NpgsqlCommand($"CREATE DATABASE {Name}", admin)) await cmd.ExecuteNonQueryAsync();
        ConnectionString = new NpgsqlConnectionStringBuilder(Servers.Postgres) { Database = Name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Servers.Postgres);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await cmd.ExecuteNonQueryAsync();
    }
}
