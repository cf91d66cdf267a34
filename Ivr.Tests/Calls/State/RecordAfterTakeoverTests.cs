using Ivr.Service.Calls.Records;
using Ivr.Service.Data;
using Ivr.Tests.Calls.Records;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StackExchange.Redis;

namespace Ivr.Tests.Calls.State;

/// <summary>
/// A call taken over keeps its record (issue 6): each service instance has its own record writer on one real
/// PostgreSQL database, as deployed; the call's record so far travels with its state in the real Redis.
/// </summary>
public sealed class RecordAfterTakeoverTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = MenuCallRig.Wait;
    readonly PostgresDatabase _db = new();
    readonly List<CallRecordWriter> _writers = [];
    readonly ScriptedActions _actions = new();
    MenuCallRig _rig = null!;
    CallRecordStore _store = null!;
    ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await MigrationRunner.MigrateAsync(_db.ConnectionString);
        _store = new CallRecordStore(new CallRecordsDatabase(NpgsqlDataSource.Create(_db.ConnectionString)));
        _rig = await MenuCallRig.StartAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);
        _actions.Answer("filing.deadline", "ok", ("deadline", "20261215"));
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        foreach (var w in _writers) await w.StopAsync(CancellationToken.None);
        var server = _redis.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: _rig.Prefix + "*")) await _redis.GetDatabase().KeyDeleteAsync(key);
        await _redis.DisposeAsync();
        await _db.DisposeAsync();
    }

    /// <summary>A service instance with its own record writer, as each process has.</summary>
    async Task<(Ivr.Service.Calls.Menu.MenuCalls Service, CallRecordWriter Writer)> InstanceAsync()
    {
        var writer = new CallRecordWriter(_store, new CallRecordOptions(), TimeProvider.System, NullLogger<CallRecordWriter>.Instance);
        _writers.Add(writer);
        await writer.StartAsync(CancellationToken.None);
        return (await _rig.StartServiceAsync(actions: _actions, records: writer), writer);
    }

    async Task<IReadOnlyList<CallRecord>> RecordsOfAsync(string channel)
    {
        foreach (var w in _writers) await w.FlushAsync(CancellationToken.None).WaitAsync(Wait);
        return [.. (await _store.LastAsync(100, CancellationToken.None)).Where(r => r.ChannelId == channel)];
    }

    /// <summary>A caller hears the deadline and is back in the filing menu, saved in Redis, when its instance stops.</summary>
    async Task<(Ivr.Simulator.VirtualCall Call, CallRecordWriter Writer)> DeadlineHeardThenInstanceStoppedAsync()
    {
        var (first, writer) = await InstanceAsync();
        var call = await _rig.AtMainMenuAsync();
        await call.PressAsync("21");
        await call.WaitForPlaybackAsync("sound:deadline-is", Wait);
        await call.WaitForPlaybackAsync("sound:filing-menu", Wait);
        await MenuCallRig.WaitUntilAsync(() => _rig.NodeOf(_redis.GetDatabase(), call.IvrChannelId) == "filing-menu", "the filing menu was never saved");
        await first.StopAsync(CancellationToken.None);
        return (call, writer);
    }

    [Fact]
    public async Task Call_taken_over_by_a_new_instance_keeps_its_earlier_path_and_actions_in_one_record()
    {
        var (call, firstWriter) = await DeadlineHeardThenInstanceStoppedAsync();

        var (second, secondWriter) = await InstanceAsync();
        await MenuCallRig.WaitUntilAsync(() => second.RunningCalls.Contains(call.IvrChannelId), "the call was not taken over");
        await call.WaitForPlaybackAsync("sound:filing-menu", Wait);
        await call.PressAsync("1");
        await call.WaitForPlaybackAsync("sound:deadline-is", Wait);
        await call.WaitForPlaybackAsync("sound:filing-menu", Wait);
        await call.HangUpAsync();
        await MenuCallRig.WaitUntilAsync(() => secondWriter.Written == 1, "the taken-over call's record was not written");

        var record = Assert.Single(await RecordsOfAsync(call.IvrChannelId));
        Assert.Equal(0, firstWriter.Written);
        Assert.Equal(CallOutcomes.SelfServed, record.Outcome);
        Assert.Equal([("filing.deadline", (string?)"ok"), ("filing.deadline", "ok")], record.Actions.Select(a => (a.Action, a.Result)));
        Assert.Equal(["welcome", "main", "filing-menu", "filing-deadline", "deadline-say", "filing-menu"], record.Path.Select(p => p.Node).Take(6));
        Assert.Equal("211", record.Keys);
        Assert.Equal("13800000000", record.CallerNumber);
        Assert.True(record.StartedAt < record.AnsweredAt!.Value.AddSeconds(1) && record.AnsweredAt < record.EndedAt);
        Assert.True(record.Path[^1].At > record.Path[2].At, "offsets after the takeover go on from the call's start");
    }

    [Fact]
    public async Task Call_whose_caller_hung_up_while_no_instance_ran_is_recorded_once_by_the_next_instance_as_it_was()
    {
        var (call, _) = await DeadlineHeardThenInstanceStoppedAsync();
        await call.HangUpAsync();
        await call.WaitForHangupAsync(Wait);

        var (_, secondWriter) = await InstanceAsync();
        await MenuCallRig.WaitUntilAsync(() => secondWriter.Written == 1, "the vanished call's record was never closed");

        var record = Assert.Single(await RecordsOfAsync(call.IvrChannelId));
        Assert.Equal(CallOutcomes.SelfServed, record.Outcome);
        Assert.Equal("21", record.Keys);
        Assert.Equal([("filing.deadline", (string?)"ok")], record.Actions.Select(a => (a.Action, a.Result)));
        Assert.Equal("filing-menu", record.Path[^1].Node);
    }
}
