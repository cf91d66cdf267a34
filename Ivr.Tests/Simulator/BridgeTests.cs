namespace Ivr.Tests.Simulator;

/// <summary>Bridges as in the bridge-seat and holding-queue traces.</summary>
public sealed class BridgeTests : SimulatorTest
{
    [Fact]
    public async Task A_holding_bridge_with_moh_fails_a_bridge_playback_at_once()
    {
        var (events, call) = await CallInIvrAsync();
        var (_, bridge) = await Ari.PostAsync("bridges?type=holding&name=queue-hold");
        var id = bridge.GetProperty("id").GetString();
        Assert.Equal("holding", bridge.GetProperty("bridge_type").GetString());
        await Ari.PostAsync($"bridges/{id}/addChannel?channel={call.IvrChannelId}&role=participant");
        await events.NextAsync("ChannelEnteredBridge", call.IvrChannelId);
        Assert.Equal(204, (await Ari.PostAsync($"bridges/{id}/moh?mohClass=default")).Status);
        Assert.Equal(201, (await Ari.PostAsync($"bridges/{id}/play/pb-b?media=sound%3Aqueue-thankyou")).Status);
        var finished = await events.NextAsync("PlaybackFinished");
        Assert.Equal(("failed", "bridge:" + id), (finished.GetProperty("playback").GetProperty("state").GetString(), finished.GetProperty("playback").GetProperty("target_uri").GetString()));
    }

    [Fact]
    public async Task Deleting_a_bridge_after_removing_its_channel_sends_no_bridge_destroyed()
    {
        var (events, call) = await CallInIvrAsync();
        var id = (await Ari.PostAsync("bridges?type=holding")).Body.GetProperty("id").GetString();
        await Ari.PostAsync($"bridges/{id}/addChannel?channel={call.IvrChannelId}");
        await Ari.PostAsync($"bridges/{id}/removeChannel?channel={call.IvrChannelId}");
        await events.NextAsync("ChannelLeftBridge", call.IvrChannelId);
        Assert.Equal(204, (await Ari.DeleteAsync($"bridges/{id}")).Status);
        Assert.DoesNotContain(await events.DrainAsync(TimeSpan.FromMilliseconds(200)), e => EventStream.Type(e) == "BridgeDestroyed");
        Assert.Equal(404, (await Ari.GetAsync($"bridges/{id}")).Status);
    }

    [Fact]
    public async Task Two_channels_in_a_mixing_bridge_see_each_other_as_bridgepeer()
    {
        var (events, call) = await CallInIvrAsync();
        var id = (await Ari.PostAsync("bridges?type=mixing&name=talk")).Body.GetProperty("id").GetString();
        await Ari.PostAsync("channels?endpoint=Local%2Fseat%40seats&app=ivr&channelId=seat-leg1&otherChannelId=seat-leg2");
        await events.NextAsync("StasisStart", "seat-leg1");
        await Ari.PostAsync($"bridges/{id}/addChannel?channel={call.IvrChannelId},seat-leg1");
        var peer = await events.NextAsync(e => EventStream.Type(e) == "ChannelVarset" && EventStream.ChannelId(e) == call.IvrChannelId && e.GetProperty("variable").GetString() == "BRIDGEPEER");
        Assert.StartsWith("Local/seat@seats-", peer.GetProperty("value").GetString());
        Assert.Equal(2, (await Ari.GetAsync($"bridges/{id}")).Body.GetProperty("channels").GetArrayLength());
    }
}
