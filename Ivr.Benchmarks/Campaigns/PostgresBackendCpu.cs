using System.Globalization;
using Npgsql;

namespace Ivr.Benchmarks.Campaigns;

/// <summary>
/// CPU time of the PostgreSQL backends serving one database (the dispatcher's and Hangfire's connections), read from
/// /proc/{pid}/stat of each backend pg_stat_activity lists, sampled every 250 ms. A backend that exits between two
/// samples loses at most its last 250 ms; the server must run on this machine (IVR_POSTGRES on loopback).
/// </summary>
public sealed class PostgresBackendCpu : IAsyncDisposable
{
    static readonly double TicksPerSecond = 100; // USER_HZ, fixed at 100 on Linux whatever the kernel's HZ
    readonly Dictionary<int, long> ticksByBackend = [];
    readonly CancellationTokenSource stop = new();
    readonly Task sampling;

    public PostgresBackendCpu(NpgsqlDataSource db, string database) => sampling = SampleAsync(db, database, stop.Token);

    /// <summary>False when /proc does not show the server's processes (PostgreSQL on another host or in a container).</summary>
    public bool Visible { get; private set; }

    /// <summary>CPU seconds of the database's backends so far.</summary>
    public double Seconds
    {
        get
        {
            lock (ticksByBackend) return ticksByBackend.Values.Sum() / TicksPerSecond;
        }
    }

    async Task SampleAsync(NpgsqlDataSource db, string database, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            var pids = new List<int>();
            await using (var cmd = db.CreateCommand("select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()"))
            {
                cmd.Parameters.AddWithValue(database);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) pids.Add(r.GetInt32(0));
            }
            foreach (var pid in pids)
                if (Ticks(pid) is { } ticks)
                    lock (ticksByBackend)
                    {
                        ticksByBackend[pid] = ticks;
                        Visible = true;
                    }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    /// <summary>utime + stime (fields 14 and 15), counted after the command name, which may hold spaces.</summary>
    static long? Ticks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await sampling;
        }
        catch (OperationCanceledException)
        {
        }
        stop.Dispose();
    }
}
