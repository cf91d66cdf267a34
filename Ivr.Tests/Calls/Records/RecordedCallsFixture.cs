using System.Collections.Concurrent;
using Ivr.Service.Calls.Menu;
using Ivr.Service.Calls.Outbound;
using Ivr.Service.Calls.Records;
using Ivr.Service.Data;
using Ivr.Simulator;
using Ivr.Tests.Conformance.Sounds;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ivr.Tests.Calls.Records;

/// <summary>
/// The 12366 menus on the simulator with call records on a fresh real PostgreSQL database: MenuCalls with the
/// background writer, as the service wires them. Actions are answered by <see cref="Actions"/>.
/// </summary>
public class RecordedCallsFixture : IAsyncLifetime
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    readonly PostgresDatabase _db = new();
    readonly DirectoryInfo _sounds = Directory.CreateTempSubdirectory("ivr-record-sounds-");
    readonly ConcurrentDictionary<string, TaskCompletionSource<CallRecord>> _finished = new();

    public AsteriskSimulator Sim { get; private set; } = null!;
    public MenuCalls Service { get; private set; } = null!;
    public CallRecordWriter Writer { get; private set; } = null!;
    public CallRecordStore Store { get; private set; } = null!;
    public ScriptedActions Actions { get; } = new();
    public string ConnectionString => _db.ConnectionString;
    public PostgresDatabase Database => _db;
    public IConfiguration Configuration { get; private set; } = null!;

    /// <summary>Outbound dials observing the event stream (null: none).</summary>
    protected virtual IOutboundChannels? Outbound => null;

    protected virtual SimulatorOptions Simulator(SimulatorOptions defaults) => defaults;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await MigrationRunner.MigrateAsync(_db.ConnectionString);
        foreach (var folder in new[] { "zh", "en" })
        {
            Directory.CreateDirectory(Path.Combine(_sounds.FullName, folder));
            SilentWav.Write(Path.Combine(_sounds.FullName, folder, "welcome.wav"), TimeSpan.FromMilliseconds(300));
            SilentWav.Write(Path.Combine(_sounds.FullName, folder, "main-menu.wav"), TimeSpan.FromSeconds(2));
            SilentWav.Write(Path.Combine(_sounds.FullName, folder, "reminder-intro.wav"), TimeSpan.FromMilliseconds(500));
        }
        Sim = await AsteriskSimulator.StartAsync(Simulator(new SimulatorOptions
        {
            DialplanPath = Path.Combine(Servers.RepoRoot(), "asterisk-config", "extensions.conf"),
            SoundsDirectory = _sounds.FullName,
        }));
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ari:Url"] = Sim.AriUrl.ToString(), ["Ari:User"] = Sim.User, ["Ari:Password"] = Sim.Password, ["Calls:Prefix"] = $"test:{Guid.NewGuid():N}:",
        }).Build();
        Store = new CallRecordStore(new CallRecordsDatabase(NpgsqlDataSource.Create(_db.ConnectionString)));
        Writer = new CallRecordWriter(Store, new CallRecordOptions(), TimeProvider.System, NullLogger<CallRecordWriter>.Instance);
        Writer.Finished += r => _finished.GetOrAdd(r.ChannelId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(r);
        await Writer.StartAsync(CancellationToken.None);
        var setup = MenuCallSetup.TryLoad(Configuration, Servers.RepoRoot(), out var errors)
            ?? throw new InvalidOperationException("menus do not load: " + string.Join(Environment.NewLine, errors));
        Service = new MenuCalls(Configuration, setup, Actions, TimeProvider.System, NullLoggerFactory.Instance, records: Writer, outbound: Outbound);
        await Service.StartAsync(CancellationToken.None);
        await Service.Connected.WaitAsync(Wait);
    }

    /// <summary>The stored record of the call on <paramref name="channelId"/>, once the call has ended and been written.</summary>
    public async Task<CallRecord> RecordOfAsync(string channelId)
    {
        var record = await _finished.GetOrAdd(channelId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(Wait);
        await Writer.FlushAsync(CancellationToken.None).WaitAsync(Wait);
        return await Store.GetAsync(record.Id, CancellationToken.None) ?? throw new InvalidOperationException($"record {record.Id} was not stored");
    }

    public virtual async Task DisposeAsync()
    {
        await Service.StopAsync(CancellationToken.None);
        await Writer.StopAsync(CancellationToken.None);
        await Sim.DisposeAsync();
        await _db.DisposeAsync();
        _sounds.Delete(recursive: true);
    }
}
