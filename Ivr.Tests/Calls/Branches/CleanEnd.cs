using System.Text.RegularExpressions;
using Ivr.Ari;
using Ivr.Ari.Errors;

namespace Ivr.Tests.Calls.Branches;

/// <summary>
/// A call that ended left nothing behind: its state is gone from Redis, its record is closed, Asterisk has no playback,
/// recording, bridge or snoop channel of it, and the service logged no error while running it.
/// </summary>
public static partial class CleanEnd
{
    public static async Task AssertAsync(ScenarioRig rig, ScenarioCall call)
    {
        var channel = call.Call.IvrChannelId;
        await call.Call.WaitForHangupAsync(ScenarioRig.Wait);
        var key = call.Prefix + "call:" + channel;
        await ScenarioCall.UntilAsync(async () => !await rig.Redis.GetDatabase().KeyExistsAsync(key), () => $"call state {key} is still in Redis");

        var record = await rig.RecordOfAsync(channel);
        Assert.True(record.EndedAt >= record.StartedAt, $"record of {channel} ends before it starts");
        Assert.NotEmpty(record.Path);

        using var ari = new AriClient(new AriClientOptions { BaseUrl = rig.Sim.AriUrl, User = rig.Sim.User, Password = rig.Sim.Password, Application = "ivr" });
        var requests = rig.Sim.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.Contains($"/channels/{channel}/")).Select(r => r.PathAndQuery).ToList();
        foreach (var playback in requests.Select(p => PlaybackId().Match(p)).Where(m => m.Success).Select(m => m.Groups[1].Value))
            Assert.Null(await ari.Playbacks.GetAsync(Uri.UnescapeDataString(playback)).IgnoreNotFound());
        foreach (var recording in requests.Where(p => p.Contains("/record?")).Select(p => RecordingName().Match(p).Groups[1].Value))
            Assert.Null(await ari.Recordings.GetLiveAsync(Uri.UnescapeDataString(recording)).IgnoreNotFound());
        var legs = new[] { channel, call.Call.CallerChannelId };
        Assert.DoesNotContain(await ari.Bridges.ListAsync(), b => b.Channels.Intersect(legs).Any());
        // A snoop or seat leg of the call would be named after it.
        Assert.DoesNotContain(await ari.Channels.ListAsync(), c => legs.Contains(c.Id) || c.Name.Contains(channel, StringComparison.Ordinal));

        Assert.False(call.Log.Lines.Any(ErrorLine().IsMatch), "the service logged an error:" + Environment.NewLine + call.Log);
    }

    [GeneratedRegex(@"/play/([^?/]+)")]
    private static partial Regex PlaybackId();

    [GeneratedRegex("[?&]name=([^&]+)")]
    private static partial Regex RecordingName();

    [GeneratedRegex(@"^\S+ (Error|Critical) ")]
    private static partial Regex ErrorLine();
}
