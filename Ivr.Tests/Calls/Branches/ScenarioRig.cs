using System.Collections.Concurrent;
using Ivr.Service.Calls.Records;
using Ivr.Service.Data;
using Ivr.Simulator;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StackExchange.Redis;

namespace Ivr.Tests.Calls.Branches;

/// <summary>
/// What the scenario runs share: the simulator with the repository's dialplan (sounds without a file end at once, so a
/// scenario walks at the service's pace; a test gives one prompt a length when it needs it playing), call records on a
/// fresh PostgreSQL database, and the real Redis the services keep call state in.
/// </summary>
public sealed class ScenarioRig : IAsyncLifetime
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    readonly PostgresDatabase _db = new();
    readonly ConcurrentDictionary<string, TaskCompletionSource<CallRecord>> _finished = new();

    public DirectoryInfo Sounds { get; } = Directory.CreateTempSubdirectory("ivr-branch-sounds-");
    public AsteriskSimulator Sim { get; private set; } = null!;
    public CallRecordWriter Records { get; private set; } = null!;
    public IConnectionMultiplexer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await MigrationRunner.MigrateAsync(_db.ConnectionString);
        Sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
        {
            DialplanPath = Path.Combine(Servers.RepoRoot(), "asterisk-config", "extensions.conf"),
            SoundsDirectory = Sounds.FullName,
        });
        var store = new CallRecordStore(new CallRecordsDatabase(NpgsqlDataSource.Create(_db.ConnectionString)));
        Records = new CallRecordWriter(store, new CallRecordOptions(), TimeProvider.System, NullLogger<CallRecordWriter>.Instance);
        Records.Finished += r => Finished(r.ChannelId).TrySetResult(r);
        await Records.StartAsync(CancellationToken.None);
        Redis = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);
    }

    TaskCompletionSource<CallRecord> Finished(string channel) =>
        _finished.GetOrAdd(channel, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>The record of the call on <paramref name="channel"/>, once the call has ended.</summary>
    public async Task<CallRecord> RecordOfAsync(string channel)
    {
        try
        {
            return await Finished(channel).Task.WaitAsync(Wait);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the record of call {channel} was not closed within {Wait.TotalSeconds:0} s");
        }
    }

    public async Task DisposeAsync()
    {
        await Records.StopAsync(CancellationToken.None);
        await Sim.DisposeAsync();
        await Redis.DisposeAsync();
        await _db.DisposeAsync();
        Sounds.Delete(recursive: true);
    }
}
