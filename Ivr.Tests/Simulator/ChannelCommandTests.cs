namespace Ivr.Tests.Simulator;

/// <summary>Variables and the per-channel command queue, as in the variables and dtmf-burst traces.</summary>
public sealed class ChannelCommandTests : SimulatorTest
{
    [Theory]
    [InlineData("CALLERID(num)", 200, "13800000000")]
    [InlineData("NO_SUCH_VAR", 404, "Provided variable was not found")]
    [InlineData("NOSUCHFUNC(x)", 500, "Unable to read provided function")]
    public async Task Reading_variables_answers_as_asterisk_does(string variable, int status, string text)
    {
        var (_, call) = await CallInIvrAsync();
        var (got, body) = await Ari.GetAsync($"channels/{call.IvrChannelId}/variable?variable={Uri.EscapeDataString(variable)}");
        Assert.Equal(status, got);
        Assert.Equal(text, body.GetProperty(status == 200 ? "value" : "message").GetString());
    }

    [Fact]
    public async Task A_variable_set_waits_behind_a_running_playback_and_deleting_the_playback_releases_it()
    {
        var (events, call) = await CallInIvrAsync();
        await Ari.PostAsync($"channels/{call.IvrChannelId}/play/pb-q?media=sound%3Att-monkeys");
        await events.NextAsync("PlaybackStarted");
        var set = Ari.PostAsync($"channels/{call.IvrChannelId}/variable?variable=QUEUED_VAR&value=1");
        await Task.Delay(200);
        Assert.False(set.IsCompleted);
        await Ari.DeleteAsync("playbacks/pb-q");
        Assert.Equal(204, (await set.WaitAsync(TimeSpan.FromSeconds(2))).Status);
        var varset = await events.NextAsync(e => EventStream.Type(e) == "ChannelVarset" && e.GetProperty("variable").GetString() == "QUEUED_VAR");
        Assert.Equal("1", varset.GetProperty("value").GetString());
    }

    [Fact]
    public async Task A_second_play_waits_until_the_first_finishes()
    {
        var (events, call) = await CallInIvrAsync();
        await Ari.PostAsync($"channels/{call.IvrChannelId}/play/first?media=sound%3Ahello-world");
        await Ari.PostAsync($"channels/{call.IvrChannelId}/play/second?media=sound%3Abeep");
        Assert.Equal("queued", (await Ari.GetAsync("playbacks/second")).Body.GetProperty("state").GetString());
        var order = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var e = await events.NextAsync(x => EventStream.Type(x).StartsWith("Playback", StringComparison.Ordinal));
            order.Add($"{EventStream.Type(e)}:{e.GetProperty("playback").GetProperty("id").GetString()}");
        }
        Assert.Equal(["PlaybackStarted:first", "PlaybackFinished:first", "PlaybackStarted:second", "PlaybackFinished:second"], order);
    }
}
