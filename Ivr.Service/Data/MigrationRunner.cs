using System.Reflection;
using Npgsql;

namespace Ivr.Service.Data;

/// <summary>
/// Applies the SQL migrations embedded in this assembly (Data/Migrations/NNNN_name.sql), in order, each in its own
/// transaction, recording them in <c>schema_migrations</c>. Several instances starting together serialise on an
/// advisory lock, so each migration runs exactly once.
/// </summary>
public static class MigrationRunner
{
    // Arbitrary but fixed: every instance must pick the same lock.
    const long LockKey = 0x12366_0001;

    /// <summary>The embedded migrations as (version, name, sql), sorted by version.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = Load(typeof(MigrationRunner).Assembly);

    /// <summary>Applies every migration not yet recorded; returns the names it applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        try
        {
            await conn.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"Campaign database unreachable ({Redact(connectionString)}): {e.Message}. Check Campaigns:Postgres / IVR_POSTGRES.", e);
        }
        await Exec(conn, $"select pg_advisory_lock({LockKey})", ct);
        try
        {
            await Exec(conn, "create table if not exists schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())", ct);
            var done = new HashSet<int>();
            await using (var cmd = new NpgsqlCommand("select version from schema_migrations", conn))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) done.Add(r.GetInt32(0));

            var applied = new List<string>();
            foreach (var m in Embedded.Where(m => !done.Contains(m.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                try
                {
                    await using (var cmd = new NpgsqlCommand(m.Sql, conn, tx)) await cmd.ExecuteNonQueryAsync(ct);
                }
                catch (PostgresException e)
                {
                    throw new InvalidOperationException($"Migration {m.Name} failed at position {e.Position}: {e.MessageText}", e);
                }
                await using (var cmd = new NpgsqlCommand("insert into schema_migrations(version, name) values ($1, $2)", conn, tx))
                {
                    cmd.Parameters.AddWithValue(m.Version);
                    cmd.Parameters.AddWithValue(m.Name);
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                applied.Add(m.Name);
            }
            return applied;
        }
        finally
        {
            await Exec(conn, $"select pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static string Redact(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString) { Password = null };
        return $"{b.Host}:{b.Port}/{b.Database}";
    }

    static List<Migration> Load(Assembly assembly)
    {
        const string marker = ".Data.Migrations.";
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(marker) && n.EndsWith(".sql")))
        {
            var name = resource[(resource.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..^4];
            // Resource names of files starting with a digit get a leading underscore from MSBuild.
            var digits = name.TrimStart('_');
            if (digits.Length < 5 || !int.TryParse(digits[..4], out var version) || digits[4] != '_')
                throw new InvalidOperationException($"Migration resource '{resource}' must be named NNNN_description.sql");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add(new Migration(version, digits, reader.ReadToEnd()));
        }
        var duplicate = list.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}");
        return [.. list.OrderBy(m => m.Version)];
    }
}

/// <summary>One embedded SQL migration.</summary>
public sealed record Migration(int Version, string Name, string Sql);
