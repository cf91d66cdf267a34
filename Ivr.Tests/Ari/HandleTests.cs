using Ivr.Ari.Errors;
using Ivr.Ari.Handles;
using Ivr.Ari.Models;
using Ivr.Tests.Ari.FakeAri;

namespace Ivr.Tests.Ari;

public sealed class HandleTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    static FakeReply Created(string id, string target) => new(201, TraceSamples.Json(
        new Playback { Id = id, MediaUri = "sound:hello-world", TargetUri = target, State = "queued", Language = "en" }, AriJsonContext.Default.Playback));

    static string LastSegment(FakeRequest r) => r.Path.Split('/')[^1];

    [Fact]
    public async Task A_playback_handle_completes_even_when_started_and_finished_arrive_before_the_rest_answer()
    {
        await using var ari = await ConnectedAri.StartAsync();
        ari.Server.On("POST", "channels/c1/play/*", async request =>
        {
            var id = LastSegment(request);
            await ari.Server.PushAsync(TraceSamples.PlaybackStarted(id, "channel:c1"));
            await ari.Server.PushAsync(TraceSamples.PlaybackFinished(id, "channel:c1"));
            await Task.Delay(300); // the events are read before the answer comes
            return Created(id, "channel:c1");
        });

        var handle = await ari.Client.Channels.StartPlaybackAsync("c1", ["sound:hello-world"], lang: "zh");
        var result = await handle.Finished.WaitAsync(Patience);

        Assert.Equal(AriHandleOutcome.Done, result.Outcome);
        Assert.Equal(handle.Id, (await handle.Started).Id);
        Assert.StartsWith("pb-", handle.Id);
        Assert.Equal($"/ari/channels/c1/play/{handle.Id}?media=sound%3Ahello-world&lang=zh", Assert.Single(ari.Server.Requests).RawTarget);
        Assert.Equal("queued", handle.Playback!.State);
    }

    [Fact]
    public async Task A_playback_of_a_missing_file_ends_as_failed()
    {
        await using var ari = await ConnectedAri.StartAsync();
        ari.Server.On("POST", "channels/c1/play/pb-x", Created("pb-x", "channel:c1"));

        var handle = await ari.Client.Channels.StartPlaybackAsync("c1", ["sound:no-such-file"], playbackId: "pb-x");
        await ari.Server.PushAsync(TraceSamples.PlaybackFinished("pb-x", "channel:c1", state: "failed"));

        Assert.Equal(AriHandleOutcome.Failed, (await handle.Finished.WaitAsync(Patience)).Outcome);
    }

    [Fact]
    public async Task A_playback_handle_ends_as_channel_gone_when_the_caller_hangs_up_first()
    {
        await using var ari = await ConnectedAri.StartAsync();
        ari.Server.On("POST", "channels/c1/play/*", request => Task.FromResult(Created(LastSegment(request), "channel:c1")));

        var handle = await ari.Client.Channels.StartPlaybackAsync("c1", ["sound:hello-world"]);
        await ari.Server.PushAsync(TraceSamples.StasisEnd("c2"));
        await ari.Server.PushAsync(TraceSamples.StasisEnd("c1"));

        Assert.Equal(AriHandleOutcome.ChannelGone, (await handle.Finished.WaitAsync(Patience)).Outcome);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handle.Started);
    }

    [Fact]
    public async Task A_playback_that_asterisk_refuses_throws_and_leaves_its_id_free_for_another_try()
    {
        await using var ari = await ConnectedAri.StartAsync();

        await Assert.ThrowsAsync<AriNotFoundException>(() => ari.Client.Channels.StartPlaybackAsync("gone", ["sound:x"], playbackId: "pb-1"));
        ari.Server.On("POST", "channels/c1/play/pb-1", Created("pb-1", "channel:c1"));
        var again = await ari.Client.Channels.StartPlaybackAsync("c1", ["sound:x"], playbackId: "pb-1");

        Assert.Equal("pb-1", again.Id);
        await Assert.ThrowsAsync<ArgumentException>(() => ari.Client.Channels.StartPlaybackAsync("c1", ["sound:x"], playbackId: "pb-1"));
    }

    [Fact]
    public async Task A_bridge_playback_handle_follows_the_bridge_target()
    {
        await using var ari = await ConnectedAri.StartAsync();
        ari.Server.On("POST", "bridges/b1/play/*", async request =>
        {
            await ari.Server.PushAsync(TraceSamples.PlaybackFinished(LastSegment(request), "bridge:b1"));
            return Created(LastSegment(request), "bridge:b1");
        });

        var handle = await ari.Client.Bridges.StartPlaybackAsync("b1", ["sound:queue-thankyou"]);

        Assert.Equal(AriHandleOutcome.Done, (await handle.Finished.WaitAsync(Patience)).Outcome);
    }

    [Fact]
    public async Task A_recording_handle_completes_on_recording_finished_with_its_duration()
    {
        await using var ari = await ConnectedAri.StartAsync();
        ari.Server.On("POST", "channels/c1/record", async _ =>
        {
            await ari.Server.PushAsync(TraceSamples.RecordingFinished("complaint-1", "channel:c1", duration: 3));
            await Task.Delay(200);
            return new FakeReply(201, """{"name":"complaint-1","format":"wav","state":"queued","target_uri":"channel:c1"}""");
        });

        var handle = await ari.Client.Channels.StartRecordingAsync("c1", "complaint-1", "wav", maxDurationSeconds: 3, terminateOn: "#");
        var result = await handle.Completion.WaitAsync(Patience);

        Assert.Equal(AriHandleOutcome.Done, result.Outcome);
        Assert.Equal(3, result.Recording!.Duration);
        Assert.Equal("/ari/channels/c1/record?name=complaint-1&format=wav&maxDurationSeconds=3&terminateOn=%23", Assert.Single(ari.Server.Requests).RawTarget);
    }

    [Fact]
    public async Task An_originate_to_a_busy_seat_ends_failed_with_cause_17_even_though_rest_said_200()
    {
        await using var ari = await ConnectedAri.StartAsync();
        ari.Server.On("POST", "channels/*", async request =>
        {
            var id = LastSegment(request);
            await ari.Server.PushAsync(TraceSamples.Dial(id, "BUSY"));
            await ari.Server.PushAsync(TraceSamples.ChannelDestroyed(id, 17, "User busy"));
            await Task.Delay(200);
            return new FakeReply(200, TraceSamples.Json(TraceSamples.Channel(id), AriJsonContext.Default.Channel));
        });

        var handle = await ari.Client.Channels.StartOriginateAsync("Local/busy@seats", "ivr", appArgs: "seat", otherChannelId: "leg-2");
        var result = await handle.Completion.WaitAsync(Patience);

        Assert.Equal(OriginateStatus.Failed, result.Status);
        Assert.Equal(17, result.Cause);
        Assert.Equal("BUSY", result.LastDialStatus);
        Assert.Equal($"/ari/channels/{handle.ChannelId}?endpoint=Local%2Fbusy%40seats&app=ivr&appArgs=seat&otherChannelId=leg-2",
            Assert.Single(ari.Server.Requests).RawTarget);
    }

    [Fact]
    public async Task An_answered_originate_completes_when_its_channel_enters_the_application()
    {
        await using var ari = await ConnectedAri.StartAsync();
        ari.Server.On("POST", "channels/seat-1", new FakeReply(200, TraceSamples.Json(TraceSamples.Channel("seat-1"), AriJsonContext.Default.Channel)));

        var handle = await ari.Client.Channels.StartOriginateAsync("Local/seat@seats", "ivr", channelId: "seat-1");
        Assert.False(handle.IsCompleted);
        await ari.Server.PushAsync(TraceSamples.StasisStart("seat-1"));
        var result = await handle.Completion.WaitAsync(Patience);

        Assert.Equal(OriginateStatus.InApplication, result.Status);
        Assert.Equal("seat-1", result.Channel!.Id);
    }

    [Fact]
    public async Task Waiting_handles_end_as_connection_lost_when_the_event_socket_drops()
    {
        await using var ari = await ConnectedAri.StartAsync();
        ari.Server.On("POST", "channels/c1/play/*", request => Task.FromResult(Created(LastSegment(request), "channel:c1")));
        var handle = await ari.Client.Channels.StartPlaybackAsync("c1", ["sound:hello-world"]);

        ari.Server.DropAbruptly();

        Assert.Equal(AriHandleOutcome.ConnectionLost, (await handle.Finished.WaitAsync(Patience)).Outcome);
    }
}
