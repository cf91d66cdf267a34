namespace Ivr.Tests.Conformance.Replay;

public sealed class LiveMediaTests
{
    [Theory]
    [InlineData("POST", "/ari/channels/1795365490.7/record?name=test3-stopped&format=wav&maxDurationSeconds=30&terminateOn=%23", "recording:test3-stopped")]
    [InlineData("POST", "/ari/bridges/b1/record?format=wav&name=seat%20call", "recording:seat call")]
    [InlineData("POST", "/ari/channels/1795365490.6/play/pb-caller-audio2?media=sound%3Ademo-congrats", "playback:pb-caller-audio2")]
    [InlineData("POST", "/ari/channels/c1/play?media=sound%3Ahello&playbackId=pb-gap", "playback:pb-gap")]
    [InlineData("POST", "/ari/channels/c1/play?media=sound%3Ahello", null)]
    [InlineData("GET", "/ari/channels/c1/record?name=x", null)]
    [InlineData("POST", "/ari/channels/c1/dtmf?dtmf=1", null)]
    public void A_request_that_starts_a_recording_or_playback_names_it(string method, string path, string? expected)
    {
        Assert.Equal(expected, LiveMedia.Started(method, path));
    }

    [Theory]
    [InlineData("/ari/recordings/live/test3-stopped/stop", "recording:test3-stopped")]
    [InlineData("/ari/recordings/live/test1", "recording:test1")]
    [InlineData("/ari/playbacks/pb-gap", "playback:pb-gap")]
    [InlineData("/ari/playbacks/pb-menu-1/control?operation=pause", "playback:pb-menu-1")]
    [InlineData("/ari/recordings/stored/test1", null)]
    [InlineData("/ari/channels/c1", null)]
    public void A_request_on_a_live_recording_or_playback_names_what_it_controls(string path, string? expected)
    {
        Assert.Equal(expected, LiveMedia.Controlled(path));
    }
}
