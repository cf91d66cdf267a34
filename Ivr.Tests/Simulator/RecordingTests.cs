using System.Text.Json;

namespace Ivr.Tests.Simulator;

/// <summary>Recordings as in the record trace: real WAV files, 409 on a taken name, limits, stop, and giving up without frames.</summary>
public sealed class RecordingTests : SimulatorTest
{
    static JsonElement Rec(JsonElement e) => e.GetProperty("recording");

    [Fact]
    public async Task A_recording_ends_at_max_duration_with_whole_seconds_and_is_stored_as_a_real_wav()
    {
        var (events, call) = await CallInIvrAsync();
        _ = call.SayAsync(TimeSpan.FromSeconds(5));
        var (status, body) = await Ari.PostAsync($"channels/{call.IvrChannelId}/record?name=complaint-1&format=wav&maxDurationSeconds=3");
        Assert.Equal(201, status);
        Assert.Equal("recording", body.GetProperty("state").GetString());
        Assert.Equal("channel:" + call.IvrChannelId, body.GetProperty("target_uri").GetString());
        Assert.Equal("recording", Rec(await events.NextAsync("RecordingStarted")).GetProperty("state").GetString());
        Assert.Equal(409, (await Ari.PostAsync($"channels/{call.IvrChannelId}/record?name=complaint-1&format=wav")).Status);
        var finished = Rec(await events.NextAsync("RecordingFinished"));
        Assert.Equal(("done", 3), (finished.GetProperty("state").GetString(), finished.GetProperty("duration").GetInt32()));
        Assert.Equal(404, (await Ari.GetAsync("recordings/live/complaint-1")).Status);
        Assert.Equal("wav", (await Ari.GetAsync("recordings/stored/complaint-1")).Body.GetProperty("format").GetString());
        using var file = await Ari.Http.GetAsync("recordings/stored/complaint-1/file");
        Assert.Equal("audio/wav", file.Content.Headers.ContentType!.MediaType);
        var bytes = await file.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(44 + 3 * 8000 * 2, bytes.Length);
        Assert.Contains(bytes.Skip(44), b => b != 0);
        Assert.Equal(409, (await Ari.PostAsync($"channels/{call.IvrChannelId}/record?name=complaint-1&format=wav")).Status);
    }

    [Fact]
    public async Task A_recording_stopped_over_rest_is_done_with_the_whole_seconds_so_far()
    {
        var (events, call) = await CallInIvrAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Ari.PostAsync($"channels/{call.IvrChannelId}/record?name=stopped&format=wav&maxDurationSeconds=30");
        var atLeast = clock.Elapsed;
        await Task.Delay(150);
        var before = clock.Elapsed;
        Assert.Equal(204, (await Ari.PostAsync("recordings/live/stopped/stop")).Status);
        var atMost = clock.Elapsed;
        var finished = Rec(await events.NextAsync("RecordingFinished"));
        // Speed 10: real milliseconds x 10 are simulated; the recording spans at least the sleep, at most both requests too.
        Assert.InRange(finished.GetProperty("duration").GetInt32(), (int)((before - atLeast).TotalSeconds * 10), (int)(atMost.TotalSeconds * 10));
    }

    [Fact]
    public async Task A_recording_of_a_leg_that_receives_no_frames_ends_by_itself_with_duration_zero()
    {
        var events = await Ari.EventsAsync("ivr,caller");
        var (_, created) = await Ari.PostAsync("channels?endpoint=Local%2F12366%40ivr-entry&app=caller");
        var callerLeg = created.GetProperty("id").GetString();
        var start = await events.NextAsync(e => EventStream.Type(e) == "StasisStart" && e.GetProperty("application").GetString() == "ivr");
        var ivrLeg = EventStream.ChannelId(start);
        Assert.NotEqual(callerLeg, ivrLeg);
        await Ari.PostAsync($"channels/{ivrLeg}/record?name=silent&format=wav&maxDurationSeconds=30");
        var finished = Rec(await events.NextAsync(e => EventStream.Type(e) == "RecordingFinished", TimeSpan.FromSeconds(2)));
        Assert.Equal(("done", 0), (finished.GetProperty("state").GetString(), finished.GetProperty("duration").GetInt32()));
    }

    [Fact]
    public async Task The_terminating_digit_ends_a_recording()
    {
        var (events, call) = await CallInIvrAsync();
        await Ari.PostAsync($"channels/{call.IvrChannelId}/record?name=hash&format=wav&terminateOn=%23");
        await events.NextAsync("RecordingStarted");
        await call.PressAsync("#");
        Assert.Equal("done", Rec(await events.NextAsync("RecordingFinished")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Unknown_recordings_are_404_with_asterisks_message()
    {
        var (status, body) = await Ari.DeleteAsync("recordings/stored/test1");
        Assert.Equal((404, "Recording not found"), (status, body.GetProperty("message").GetString()));
    }
}
