using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace Ivr.Benchmarks.Campaigns;

/// <summary>
/// A database of one benchmark run on the server of IVR_POSTGRES, dropped (forcing out every connection) when the run
/// ends. The name carries the process id, so a run killed before its clean-up leaves a database the next run drops.
/// </summary>
public sealed partial class ThrowawayDatabase : IAsyncDisposable
{
    const string Prefix = "ivr_bench_";

    readonly string server;

    ThrowawayDatabase(string server, string name)
    {
        this.server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The server from IVR_POSTGRES, or a message saying how to get one.</summary>
    public static string ServerFromEnvironment() => Environment.GetEnvironmentVariable("IVR_POSTGRES") is { Length: > 0 } s ? s
        : throw new InvalidOperationException("set IVR_POSTGRES (source /work/servers.env, or bash scripts/servers.sh start prints it)");

    /// <summary>Creates <c>ivr_bench_{pid}_{purpose}_{random}</c> after dropping those of benchmark processes no longer running.</summary>
    public static async Task<ThrowawayDatabase> CreateAsync(string server, string purpose)
    {
        if (!PurposeRule().IsMatch(purpose)) throw new ArgumentException($"database purpose '{purpose}' must be lower-case letters and digits", nameof(purpose));
        var db = new ThrowawayDatabase(server, $"{Prefix}{Environment.ProcessId}_{purpose}_{Guid.NewGuid().ToString("N")[..6]}");
        await using var admin = await OpenAsync(server);
        await DropOrphansAsync(admin);
        await using var create = new NpgsqlCommand($"create database {db.Name}", admin);
        await create.ExecuteNonQueryAsync();
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        await using var admin = await OpenAsync(server);
        await DropAsync(admin, Name);
    }

    static async Task DropOrphansAsync(NpgsqlConnection admin)
    {
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("select datname from pg_database where datname like 'ivr\\_bench\\_%'", admin))
        await using (var r = await list.ExecuteReaderAsync())
            while (await r.ReadAsync()) names.Add(r.GetString(0));
        foreach (var name in names)
            if (OwnerRule().Match(name) is { Success: true } m && !IsRunning(int.Parse(m.Groups[1].Value)))
                await DropAsync(admin, name);
    }

    static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    static async Task DropAsync(NpgsqlConnection admin, string name)
    {
        await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    static async Task<NpgsqlConnection> OpenAsync(string server)
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        try
        {
            await conn.OpenAsync();
            return conn;
        }
        catch (NpgsqlException e)
        {
            await conn.DisposeAsync();
            throw new InvalidOperationException($"the PostgreSQL server of IVR_POSTGRES cannot be reached to create or drop a benchmark database: {e.Message}", e);
        }
    }

    [GeneratedRegex("^[a-z0-9]+$")]
    private static partial Regex PurposeRule();

    [GeneratedRegex(@"^ivr_bench_(\d+)_")]
    private static partial Regex OwnerRule();
}
