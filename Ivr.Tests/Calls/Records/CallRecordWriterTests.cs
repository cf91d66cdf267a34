using Ivr.Service.Calls.Records;
using Ivr.Service.Data;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ivr.Tests.Calls.Records;

/// <summary>The background writer against the real PostgreSQL: batches, a database that is down, and one that comes back.</summary>
public sealed class CallRecordWriterTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    static CallRecordWriter Writer(string connectionString, CallRecordOptions? options = null) =>
        new(new CallRecordStore(new CallRecordsDatabase(NpgsqlDataSource.Create(connectionString))),
            options ?? new CallRecordOptions { RetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(200) },
            TimeProvider.System, NullLogger<CallRecordWriter>.Instance);

    [Fact]
    public async Task Finished_calls_are_written_in_batches_and_read_back_with_their_path()
    {
        await MigrationRunner.MigrateAsync(db.ConnectionString);
        var writer = Writer(db.ConnectionString, new CallRecordOptions { BatchSize = 7 });
        await writer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 30; i++) new TracedCall(recorder: writer).Heard().Press("21").Answer("ok", ("deadline", "20261215")).HangUp();
        await writer.FlushAsync(CancellationToken.None).WaitAsync(Wait);
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(30, writer.Written);
        var store = new CallRecordStore(new CallRecordsDatabase(NpgsqlDataSource.Create(db.ConnectionString)));
        var last = await store.LastAsync(50, CancellationToken.None);
        Assert.True(last.Count >= 30);
        var one = last[0];
        Assert.Equal(CallOutcomes.SelfServed, one.Outcome);
        Assert.Equal("21", one.Keys);
        Assert.Equal([("filing.deadline", (string?)"ok")], one.Actions.Select(a => (a.Action, a.Result)));
    }

    [Fact]
    public async Task PostgreSQL_down_buffers_calls_up_to_the_bound_then_counts_each_lost_one_without_slowing_the_call()
    {
        var writer = Writer("Host=127.0.0.1;Port=1;Timeout=1;Username=ivr", new CallRecordOptions
        {
            BufferSize = 3, RetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        });
        await writer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 6; i++) new TracedCall(recorder: writer).HangUp();

        Assert.Equal(3, writer.Dropped);
        Assert.Equal(3, writer.Pending);
        Assert.Equal(0, writer.Written);
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Calls_recorded_while_the_database_is_missing_are_written_once_it_is_there()
    {
        var name = "ivr_t_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new NpgsqlConnectionStringBuilder(Servers.Postgres) { Database = name }.ConnectionString;
        var writer = Writer(connection);
        await writer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 4; i++) new TracedCall(recorder: writer).Heard().Press("21").HangUp();
        await Task.Delay(200);
        Assert.Equal(4, writer.Pending);

        await using (var admin = new NpgsqlConnection(Servers.Postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        try
        {
            await MigrationRunner.MigrateAsync(connection);
            await writer.FlushAsync(CancellationToken.None).WaitAsync(Wait);
            Assert.Equal(4, writer.Written);
            Assert.Equal(0, writer.Dropped);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Servers.Postgres);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
