using System.Collections.Concurrent;
using Ivr.Service.Calls.Menu;
using Ivr.Service.Calls.Records;
using Ivr.Service.SelfService;
using Ivr.Tests.Calls;
using Ivr.Tests.Infrastructure;
using Ivr.Tests.SelfService.Invoices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StackExchange.Redis;

namespace Ivr.Tests.RealAsterisk;

/// <summary>
/// The service as deployed, against the real Asterisk of IVR_ARI_URL in inbound mode (application <c>ivr</c>): the 12366 menus,
/// the real self-service back ends on the sample invoices in a fresh PostgreSQL database, call records written there, and
/// call state in the real Redis. Without IVR_ARI_URL it starts nothing (its tests are skipped).
/// </summary>
public sealed class RealAsteriskRig : IAsyncLifetime
{
    readonly RegistryFixture _registry = new();
    readonly ConcurrentDictionary<string, TaskCompletionSource<CallRecord>> _finished = new();
    ServiceProvider? _actions;
    CallRecordWriter? _writer;

    public RealAsteriskSettings Asterisk { get; private set; } = null!;

    /// <summary>Call-state prefix and node lookup of the services of these tests.</summary>
    public MenuCallRig Calls { get; private set; } = null!;

    public MenuCalls Service { get; private set; } = null!;

    public CallRecordStore Records { get; private set; } = null!;

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (RealAsteriskSettings.FromEnvironment() is not { } asterisk) return;
        Asterisk = asterisk;
        await _registry.InitializeAsync();
        Redis = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);
        Calls = MenuCallRig.ForAsterisk(asterisk.Url, asterisk.User, asterisk.Password);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ari:Url"] = asterisk.Url.ToString(), ["Ari:User"] = asterisk.User, ["Ari:Password"] = asterisk.Password, ["Ari:Application"] = "ivr",
            ["Calls:Redis"] = Servers.Redis, ["Calls:Prefix"] = Calls.Prefix,
            ["Invoices:Postgres"] = _registry.ConnectionString, ["Invoices:Redis"] = Servers.Redis, ["Invoices:RedisPrefix"] = Calls.Prefix + "invoice:",
            // The seller's name is rendered during the call into the folder the real Asterisk plays from.
            ["Speech:RuntimeSoundsDirectory"] = asterisk.Sounds, ["Speech:RuntimeRenderTimeout"] = "00:00:15",
        }).Build();
        _actions = new ServiceCollection().AddLogging().AddSelfService(config).BuildServiceProvider();
        Records = new CallRecordStore(new CallRecordsDatabase(NpgsqlDataSource.Create(_registry.ConnectionString)));
        _writer = new CallRecordWriter(Records, new CallRecordOptions(), TimeProvider.System, NullLogger<CallRecordWriter>.Instance);
        _writer.Finished += r => _finished.GetOrAdd(r.ChannelId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(r);
        await _writer.StartAsync(CancellationToken.None);
        var setup = MenuCallSetup.TryLoad(config, Servers.RepoRoot(), out var errors)
            ?? throw new InvalidOperationException("menus do not load: " + string.Join(Environment.NewLine, errors));
        Service = new MenuCalls(config, setup, _actions.GetRequiredService<IActionInvoker>(), TimeProvider.System, NullLoggerFactory.Instance,
            records: _writer);
        await Service.StartAsync(CancellationToken.None);
        await Service.Connected.WaitAsync(RealCaller.Wait);
    }

    /// <summary>The menu node the call on <paramref name="channel"/> is at, from its state in Redis ("" once it ended).</summary>
    public string NodeOf(string channel) => Calls.NodeOf(Redis.GetDatabase(), channel);

    /// <summary>Whether the call on <paramref name="channel"/> still has state in Redis.</summary>
    public bool HasState(string channel) => Redis.GetDatabase().KeyExists(Calls.Prefix + "call:" + channel);

    /// <summary>The stored record of the call on <paramref name="channel"/>, once the call has ended and been written.</summary>
    public async Task<CallRecord> RecordOfAsync(string channel)
    {
        var ended = await _finished.GetOrAdd(channel, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(RealCaller.Wait);
        await _writer!.FlushAsync(CancellationToken.None).WaitAsync(RealCaller.Wait);
        return await Records.GetAsync(ended.Id, CancellationToken.None) ?? throw new InvalidOperationException($"record {ended.Id} of {channel} was not stored");
    }

    public async Task DisposeAsync()
    {
        if (Asterisk is null) return;
        await Service.StopAsync(CancellationToken.None);
        await _writer!.StopAsync(CancellationToken.None);
        await _actions!.DisposeAsync();
        await Calls.DisposeAsync();
        await Redis.DisposeAsync();
        await _registry.DisposeAsync();
    }
}
