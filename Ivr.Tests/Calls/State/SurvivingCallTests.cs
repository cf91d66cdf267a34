using Ivr.Simulator;
using Ivr.Tests.Infrastructure;
using StackExchange.Redis;

namespace Ivr.Tests.Calls.State;

/// <summary>
/// Calls that outlive what serves them (issue 6): a dropped event socket, the service stopped and another started on the
/// same Redis, a caller gone meanwhile, Asterisk restarted — the 12366 menus on the simulator, state in the real Redis.
/// </summary>
public sealed class SurvivingCallTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = MenuCallRig.Wait;
    MenuCallRig _rig = null!;
    ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        _rig = await MenuCallRig.StartAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        var server = _redis.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: _rig.Prefix + "*")) await _redis.GetDatabase().KeyDeleteAsync(key);
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Call_goes_on_after_the_event_socket_drops_mid_call()
    {
        await _rig.StartServiceAsync();
        var call = await _rig.AtMainMenuAsync();
        var before = _rig.Sim.Requests.Count;

        await _rig.Sim.DropEventSocketsAsync();
        await _rig.WaitForRequestAsync(r => r.Method == "GET" && r.PathAndQuery.StartsWith("/ari/applications/ivr", StringComparison.Ordinal), before);
        await call.PressAsync("5");

        await call.WaitForPlaybackAsync("sound:complaint-menu", Wait);
        // Rebuilt over REST, not restarted: the prompt it waited on was looked up, and the call was answered once.
        Assert.Contains(_rig.Sim.Requests.Skip(before), r => r.Method == "GET" && r.PathAndQuery.StartsWith($"/ari/playbacks/{call.IvrChannelId}-", StringComparison.Ordinal));
        Assert.Equal(1, _rig.Sim.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.Contains($"/channels/{call.IvrChannelId}/answer")));
    }

    [Fact]
    public async Task Call_is_kept_in_redis_by_channel_and_deleted_when_the_caller_hangs_up()
    {
        var service = await _rig.StartServiceAsync();
        var call = await _rig.AtMainMenuAsync();
        var key = _rig.Prefix + "call:" + call.IvrChannelId;
        Assert.Equal(service.InstanceId, (string?)await _redis.GetDatabase().HashGetAsync(key, "owner"));
        await MenuCallRig.WaitUntilAsync(() => _rig.NodeOf(_redis.GetDatabase(), call.IvrChannelId) == "main", $"{key} never showed the main menu");
        Assert.True(await _redis.GetDatabase().KeyTimeToLiveAsync(key) > TimeSpan.FromMinutes(1));

        await call.HangUpAsync();

        await MenuCallRig.WaitUntilAsync(() => !_redis.GetDatabase().KeyExists(key), $"{key} outlived the call");
        Assert.False(await _redis.GetDatabase().SetContainsAsync(_rig.Prefix + "calls", call.IvrChannelId));
    }

    [Fact]
    public async Task Service_stopped_mid_call_is_replaced_by_a_new_one_that_takes_the_call_over_and_hears_keys()
    {
        var first = await _rig.StartServiceAsync();
        var call = await _rig.AtMainMenuAsync();
        await first.StopAsync(CancellationToken.None);

        var second = await _rig.StartServiceAsync();

        // Taken over: the caller hears the menu again from its start, and keys work.
        await call.WaitForPlaybackAsync("sound:main-menu", Wait);
        Assert.Equal(second.InstanceId, (string?)await _redis.GetDatabase().HashGetAsync(_rig.Prefix + "call:" + call.IvrChannelId, "owner"));
        await call.PressAsync("5");
        await call.WaitForPlaybackAsync("sound:complaint-menu", Wait);
    }

    [Fact]
    public async Task Service_process_killed_mid_call_is_replaced_by_a_new_one_that_takes_the_call_over_once_its_lease_expires()
    {
        using var killed = await StartServiceProcessAsync();
        try
        {
            var call = await _rig.AtMainMenuAsync();
            var key = _rig.Prefix + "call:" + call.IvrChannelId;
            var owner = (string?)await _redis.GetDatabase().HashGetAsync(key, "owner");
            Assert.NotNull(owner);
            // No StopAsync, no socket close frame, no last save: its lease simply stops being renewed.
            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync();

            var second = await _rig.StartServiceAsync();

            await call.WaitForPlaybackAsync("sound:main-menu", Wait);
            Assert.Equal(second.InstanceId, (string?)await _redis.GetDatabase().HashGetAsync(key, "owner"));
            Assert.NotEqual(owner, second.InstanceId);
            await call.PressAsync("5");
            await call.WaitForPlaybackAsync("sound:complaint-menu", Wait);
        }
        finally
        {
            // A failed step must not leave the process behind, reconnecting to a simulator that is gone.
            if (!killed.HasExited) killed.Kill(entireProcessTree: true);
        }
    }

    /// <summary>
    /// The built ivr binary serving this rig's simulator, Redis and key prefix (nothing else: no PostgreSQL), returned
    /// once its event socket is up.
    /// </summary>
    async Task<System.Diagnostics.Process> StartServiceProcessAsync()
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet", [Ivr.Tests.Campaigns.IvrBinary.DllPath, "serve"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Servers.RepoRoot(),
        };
        foreach (var (k, v) in new Dictionary<string, string>
        {
            ["Ari__Url"] = _rig.Sim.AriUrl.ToString(), ["Ari__User"] = _rig.Sim.User, ["Ari__Password"] = _rig.Sim.Password,
            ["Calls__Redis"] = Servers.Redis, ["Calls__Prefix"] = _rig.Prefix, ["Calls__LeaseSeconds"] = "2", ["Calls__TakeoverSeconds"] = "0.2",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }) psi.Environment[k] = v;
        // Unset, not empty: an empty connection string would be taken as one.
        psi.Environment.Remove("IVR_POSTGRES");
        psi.Environment.Remove("IVR_REDIS");
        var process = System.Diagnostics.Process.Start(psi)!;
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Line(string? line)
        {
            if (line is null) return;
            output.Enqueue(line);
            if (line.Contains("ARI events connected to", StringComparison.Ordinal)) connected.TrySetResult();
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try { await connected.Task.WaitAsync(Wait); }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the ivr process never connected to the simulator:" + Environment.NewLine + string.Join(Environment.NewLine, output));
        }
        return process;
    }

    [Fact]
    public async Task Call_whose_caller_hung_up_while_no_service_ran_is_closed_by_the_next_one()
    {
        var first = await _rig.StartServiceAsync();
        var call = await _rig.AtMainMenuAsync();
        var key = _rig.Prefix + "call:" + call.IvrChannelId;
        await first.StopAsync(CancellationToken.None);
        await call.HangUpAsync();
        await call.WaitForHangupAsync(Wait);

        var second = await _rig.StartServiceAsync();

        await MenuCallRig.WaitUntilAsync(() => !_redis.GetDatabase().KeyExists(key), "the vanished call's state was never closed");
        Assert.DoesNotContain(call.IvrChannelId, second.RunningCalls);
        Assert.DoesNotContain(_rig.Sim.Requests, r => r.Method == "POST" && r.PathAndQuery.Contains($"/channels/{call.IvrChannelId}/play/")
                                                      && r.Status == 404);
    }

    [Fact]
    public async Task Asterisk_restart_closes_every_call_and_the_service_reconnects_and_takes_new_calls()
    {
        var service = await _rig.StartServiceAsync();
        var calls = new[] { await _rig.AtMainMenuAsync(), await _rig.AtMainMenuAsync() };

        await _rig.Sim.StopAsteriskAsync();
        var before = _rig.Sim.Requests.Count;
        await _rig.Sim.StartAsteriskAsync();

        foreach (var c in calls)
            await MenuCallRig.WaitUntilAsync(() => !_redis.GetDatabase().KeyExists(_rig.Prefix + "call:" + c.IvrChannelId),
                $"call {c.IvrChannelId} was not closed after the restart");
        Assert.Empty(service.RunningCalls);
        // The reconnect backoff may still be waiting when the restarted Asterisk opens; a caller dialling before the
        // application is registered again gets STASISSTATUS=FAILED, as on a real Asterisk, so dial once it is back.
        await _rig.WaitForRequestAsync(r => r.Method == "GET" && r.PathAndQuery.StartsWith("/ari/applications/ivr", StringComparison.Ordinal) && r.Status == 200, before);
        var fresh = await _rig.AtMainMenuAsync();
        await fresh.PressAsync("5");
        await fresh.WaitForPlaybackAsync("sound:complaint-menu", Wait);
    }
}
