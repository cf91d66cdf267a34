using Ivr.Service.Calls.Outbound;
using Ivr.Service.Calls.Records;
using Ivr.Service.Data;
using Ivr.Service.Seats.Callbacks;
using Ivr.Simulator.Seats;
using Ivr.Tests.Infrastructure;
using Npgsql;

namespace Ivr.Tests.Seats;

/// <summary>The fixture's database, migrated: callback legs write their dial rows in it.</summary>
public sealed class CallbackDialDatabase : IAsyncLifetime
{
    readonly PostgresDatabase _db = new();

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await MigrationRunner.MigrateAsync(_db.ConnectionString);
        DataSource = NpgsqlDataSource.Create(_db.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _db.DisposeAsync();
    }
}

/// <summary>Every leg a queued callback originates leaves a row in <c>outbound_dials</c>, beside campaign calls, linked to the callback.</summary>
public sealed class CallbackDialTests(RedisServer redis, CallbackDialDatabase db) : IClassFixture<RedisServer>, IClassFixture<CallbackDialDatabase>
{
    static readonly TimeSpan Wait = SeatRig.Wait;

    /// <summary>One dial row of a callback, in the order the legs were originated.</summary>
    sealed record Row(int Attempt, string Leg, string Seat, string Phone, string? Outcome, int? Cause);

    Task<SeatRig> RigAsync(string? space = null, string instance = "one", string yaml = SeatRig.QueuesYaml, Ivr.Simulator.AsteriskSimulator? sim = null,
        string application = "ivr") =>
        SeatRig.StartAsync(space ?? redis.Prefix + Guid.NewGuid().ToString("N")[..6] + ":", instance, yaml, sim: sim, application: application,
            dials: new OutboundDialStore(new CallRecordsDatabase(db.DataSource)));

    static async Task<string> CallbackIdAsync(SeatRig rig, string fromCall) =>
        (string)(await rig.Redis.GetDatabase().StringGetAsync($"{rig.Board.Prefix}cbfor:one/{fromCall}"))!;

    async Task<List<Row>> RowsAsync(string callback)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            select callback_attempt, leg, seat, phone, outcome, ari_cause from outbound_dials
            where kind = 'callback' and callback_id = $1 order by started_at, call_id
            """);
        cmd.Parameters.AddWithValue(callback);
        var rows = new List<Row>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            rows.Add(new Row(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : r.GetInt32(5)));
        return rows;
    }

    /// <summary>Polls the callback's rows until <paramref name="done"/> holds for them.</summary>
    async Task<List<Row>> RowsWhenAsync(string callback, Func<List<Row>, bool> done)
    {
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            var rows = await RowsAsync(callback);
            if (done(rows)) return rows;
            Assert.True(DateTime.UtcNow < until, "dial rows stayed: " + string.Join("; ", rows));
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Answered_callback_leaves_one_answered_row_per_leg_linked_to_the_callback_and_its_attempt()
    {
        await using var rig = await RigAsync();
        await rig.SeatAsync("2001");
        var taxpayer = rig.Sim.AddSeat("13800000021", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(200) });

        Assert.True(await rig.Router.RegisterCallbackAsync("general", "13800000021", "call-a"));
        var id = await CallbackIdAsync(rig, "call-a");
        await CallbackTests.CallbackStateAsync(rig, id, "talking");
        await taxpayer.HangUpAsync();
        await CallbackTests.CallbackStateAsync(rig, id, "done");

        Assert.Equal([new Row(1, "seat", "2001", "2001", "answered", null), new Row(1, "taxpayer", "2001", "13800000021", "answered", null)],
            await RowsAsync(id));
    }

    [Fact]
    public async Task Busy_taxpayer_called_again_leaves_a_busy_row_for_the_first_attempt_and_an_answered_row_for_the_second()
    {
        await using var rig = await RigAsync();
        await rig.SeatAsync("2001", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(600) });
        var taxpayer = rig.Sim.AddSeat("13800000022", new SeatBehavior { Busy = true });

        Assert.True(await rig.Router.RegisterCallbackAsync("general", "13800000022", "call-b"));
        var id = await CallbackIdAsync(rig, "call-b");
        // The retry waits 0.2 s and rings the seat 0.6 s first: time enough for the taxpayer to be free again.
        await RowsWhenAsync(id, rows => rows.Any(r => r is { Leg: "taxpayer", Outcome: "busy" }));
        taxpayer.Behavior = new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(200) };
        await CallbackTests.CallbackStateAsync(rig, id, "talking");
        await taxpayer.HangUpAsync();
        await CallbackTests.CallbackStateAsync(rig, id, "done");

        Assert.Equal([
            new Row(1, "seat", "2001", "2001", "answered", null), new Row(1, "taxpayer", "2001", "13800000022", "busy", 17),
            new Row(2, "seat", "2001", "2001", "answered", null), new Row(2, "taxpayer", "2001", "13800000022", "answered", null),
        ], await RowsAsync(id));
    }

    [Fact]
    public async Task Busy_seat_leaves_a_busy_row_and_the_next_seat_places_the_same_attempt()
    {
        await using var rig = await RigAsync();
        await rig.SeatAsync("2001", new SeatBehavior { Busy = true });
        var taxpayer = rig.Sim.AddSeat("13800000023", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(200) });

        Assert.True(await rig.Router.RegisterCallbackAsync("general", "13800000023", "call-c"));
        var id = await CallbackIdAsync(rig, "call-c");
        await RowsWhenAsync(id, rows => rows.Any(r => r is { Seat: "2001", Outcome: "busy" }));
        await rig.SeatAsync("2002");
        await CallbackTests.CallbackStateAsync(rig, id, "talking");
        await taxpayer.HangUpAsync();
        await CallbackTests.CallbackStateAsync(rig, id, "done");

        Assert.Equal([
            new Row(1, "seat", "2001", "2001", "busy", 17),
            new Row(1, "seat", "2002", "2002", "answered", null), new Row(1, "taxpayer", "2002", "13800000023", "answered", null),
        ], await RowsAsync(id));
    }

    [Fact]
    public async Task Placement_and_retry_jobs_run_again_by_another_instance_add_no_row_for_the_attempt()
    {
        var space = redis.Prefix + Guid.NewGuid().ToString("N")[..6] + ":";
        await using var a = await RigAsync(space);
        await using var b = await RigAsync(space, "two", sim: a.Sim, application: "ivr-b");
        await a.SeatAsync("2001");
        var taxpayer = a.Sim.AddSeat("13800000024", new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(200) });

        Assert.True(await a.Router.RegisterCallbackAsync("general", "13800000024", "call-d"));
        var id = await CallbackIdAsync(a, "call-d");
        await CallbackTests.CallbackStateAsync(a, id, "talking");
        // Hangfire runs a job again on another instance when it cannot tell the first run finished.
        await b.Router.PlaceCallbackAsync($"{CallbackLine.Inbox}/{id}", "2001");
        await b.Router.RetryCallbackAsync(id, 0);
        await a.Router.PlaceCallbackAsync($"{CallbackLine.Inbox}/{id}", "2001");
        await taxpayer.HangUpAsync();
        await CallbackTests.CallbackStateAsync(a, id, "done");

        var rows = await RowsAsync(id);
        Assert.Equal([new Row(1, "seat", "2001", "2001", "answered", null), new Row(1, "taxpayer", "2001", "13800000024", "answered", null)], rows);
        Assert.Equal(2, a.Sim.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.Contains("callback-")));
        var store = new OutboundDialStore(new CallRecordsDatabase(db.DataSource));
        await using var cmd = db.DataSource.CreateCommand("select call_id from outbound_dials where callback_id = $1 and leg = 'taxpayer'");
        cmd.Parameters.AddWithValue(id);
        var leg = (string)(await cmd.ExecuteScalarAsync())!;
        Assert.False(await store.TryBeginCallbackAsync(new CallbackDial(leg, id, 1, false, "2001", "13800000024"), DateTimeOffset.UtcNow, CancellationToken.None));
    }

    [Fact]
    public async Task Campaign_dial_rows_are_of_kind_campaign_with_no_callback_link()
    {
        var store = new OutboundDialStore(new CallRecordsDatabase(db.DataSource));
        var call = Guid.NewGuid().ToString("N");
        Assert.True(await store.TryBeginAsync(call, "out-" + call, "13800000025", "campaign:filing-reminder", DateTimeOffset.UtcNow, CancellationToken.None));

        await using var cmd = db.DataSource.CreateCommand("select kind, callback_id, leg from outbound_dials where call_id = $1");
        cmd.Parameters.AddWithValue(call);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal(("campaign", true, true), (r.GetString(0), r.IsDBNull(1), r.IsDBNull(2)));
    }
}
