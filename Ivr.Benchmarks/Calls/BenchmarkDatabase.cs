using Npgsql;

namespace Ivr.Benchmarks.Calls;

/// <summary>
/// A database of the benchmark's own on the configured PostgreSQL server, new for every run: thousands of call records
/// of virtual callers must not land among the demo's, and every run starts from empty tables.
/// </summary>
public static class BenchmarkDatabase
{
    public const string Name = "ivr_callbench";

    /// <summary>Drops and creates <see cref="Name"/>; returns <paramref name="postgres"/> pointed at it.</summary>
    public static async Task<string> RecreateAsync(string postgres)
    {
        try
        {
            await using (var server = NpgsqlDataSource.Create(postgres))
            {
                await using var drop = server.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
                await drop.ExecuteNonQueryAsync();
                await using var create = server.CreateCommand($"CREATE DATABASE {Name}");
                await create.ExecuteNonQueryAsync();
            }
            return new NpgsqlConnectionStringBuilder(postgres) { Database = Name }.ConnectionString;
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException($"database {Name} could not be created on the server of IVR_POSTGRES: {e.Message}", e);
        }
    }
}
