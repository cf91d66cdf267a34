using Ivr.Tests.Infrastructure;
using Ivr.Tests.Simulator;
using Ivr.Tests.Speech;
using StackExchange.Redis;

namespace Ivr.Tests.Calls;

/// <summary>A call taken over by another instance while it was being listened to: the listen left behind goes, the menu asks again.</summary>
public sealed class SpeechTakeoverTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = MenuCallRig.Wait;
    MenuCallRig _rig = null!;
    SpeechToTextStandIn _azure = null!;
    ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        _rig = await MenuCallRig.StartAsync();
        _azure = await SpeechToTextStandIn.StartAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _azure.DisposeAsync();
        var server = _redis.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: _rig.Prefix + "*")) await _redis.GetDatabase().KeyDeleteAsync(key);
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Call_taken_over_mid_listen_loses_the_old_recording_hears_the_menu_again_and_is_listened_to_anew()
    {
        var settings = _azure.Settings();
        settings["Speech:Listen:MaxSilenceSeconds"] = "1";
        settings["Speech:Listen:Format"] = "wav";
        var first = await _rig.StartServiceAsync(settings: settings);
        var call = await _rig.AtMainMenuAsync();
        var channel = call.IvrChannelId;
        await _rig.WaitForRequestAsync(r => r.PathAndQuery.StartsWith($"/ari/channels/{channel}/record?name={channel}-speech-", StringComparison.Ordinal));
        await first.StopAsync(CancellationToken.None);

        // A killed instance leaves its listen running on the channel, under the name the call's state gives.
        var timer = Ivr.Menus.Engine.CallStateJson.Read(EngineState(channel)).Timer;
        var leftover = $"{channel}-speech-{timer}";
        await using var raw = new RawAri(_rig.Sim);
        Assert.Equal(201, (await raw.PostAsync($"channels/{channel}/record?name={leftover}&format=wav&maxDurationSeconds=30&ifExists=overwrite")).Status);
        var before = _rig.Sim.Requests.Count;

        await _rig.StartServiceAsync(settings: settings);

        // The new owner's prompt, not one the first instance may have replayed (no-input) before it stopped.
        await _rig.WaitForRequestAsync(r => r.PathAndQuery.Contains("media=sound%3Amain-menu", StringComparison.Ordinal), before);
        var taken = _rig.Sim.Requests.Skip(before).ToList();
        var discarded = taken.FindIndex(r => r.Method == "DELETE" && r.PathAndQuery == $"/ari/recordings/live/{leftover}");
        Assert.True(discarded >= 0, "the leftover listen was not discarded");
        Assert.True(discarded < taken.FindIndex(r => r.PathAndQuery.Contains("media=sound%3Amain-menu", StringComparison.Ordinal)), "prompted before discarding");
        await _rig.WaitForRequestAsync(r => r.PathAndQuery.StartsWith($"/ari/channels/{channel}/record?name={channel}-speech-", StringComparison.Ordinal), before);

        _azure.WillHear("查发票");
        await call.SayAsync(TimeSpan.FromSeconds(1));

        await call.WaitForPlaybackAsync("sound:invoice-kind", Wait);
        Assert.Equal(404, (await raw.GetAsync($"recordings/stored/{leftover}")).Status);
    }

    string EngineState(string channel)
    {
        var call = (string?)_redis.GetDatabase().HashGet(_rig.Prefix + "call:" + channel, "call")
            ?? throw new InvalidOperationException($"no state kept for {channel}");
        using var kept = System.Text.Json.JsonDocument.Parse(call);
        return kept.RootElement.GetProperty("engineState").GetString()!;
    }
}
