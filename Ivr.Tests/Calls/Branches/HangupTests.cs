using Ivr.Tests.Conformance.Sounds;

namespace Ivr.Tests.Calls.Branches;

/// <summary>
/// The caller hangs up in every kind of moment the scenarios reach (see <see cref="HangupMoment"/>), and the call ends
/// cleanly: state gone from Redis, record closed, nothing of it left in Asterisk, no error in the service's log.
/// </summary>
public sealed class HangupTests(ScenarioRig rig) : IClassFixture<ScenarioRig>
{
    public static TheoryData<string> Moments => [.. HangupMoment.All.Keys.Order(StringComparer.Ordinal)];

    [Theory, MemberData(nameof(Moments))]
    public async Task Caller_hanging_up_leaves_nothing_behind(string moment)
    {
        var at = HangupMoment.All[moment];
        using var longPrompt = at.Prompt is null ? null : new LongPrompt(rig, at.Prompt);
        await using var call = await ScenarioCall.DialAsync(rig, at.Scenario);
        await call.PlayAsync(0, at.Steps);
        switch (at.Reach)
        {
            case Reach.PromptPlaying:
                await call.Call.WaitForPlaybackAsync("sound:" + at.Prompt, ScenarioRig.Wait);
                await ScenarioCall.UntilAsync(async () => (await call.StateAsync())?.State.Playback is not null, () => "the call's state never showed the prompt playing");
                break;
            case Reach.WaitingForKeys:
                await call.WaitingAsync(at.Waiting!);
                break;
            case Reach.CollectingDigits:
                await call.WaitingAsync(at.Waiting!);
                await call.Call.PressAsync("1");
                await ScenarioCall.UntilAsync(async () => (await call.StateAsync())?.State.Digits == "1", () => "the key was not collected");
                break;
            case Reach.ActionInFlight:
                await call.Actions.NextAsync(ScenarioRig.Wait, "the scenario's action");
                break;
            case Reach.Recording:
                await call.RecordingStartedAsync();
                break;
        }
        await call.Call.HangUpAsync();
        await CleanEnd.AssertAsync(rig, call);
    }

    [Fact]
    public void The_scenarios_reach_every_kind_of_moment_a_call_of_these_menus_can_be_left_in()
    {
        string[] expected =
        [
            "action node, the back end answering", "collect node, some digits keyed", "collect node, its prompt playing", "collect node, waiting for keys",
            "hangup node, its prompt playing", "menu node, its prompt playing", "menu node, waiting for keys", "play node, its prompt playing",
            "record node, recording",
        ];
        Assert.Empty(expected.Except(HangupMoment.All.Keys));
    }

    /// <summary>Gives one prompt a length for one test, so the caller can hang up while it plays.</summary>
    sealed class LongPrompt : IDisposable
    {
        readonly List<string> _files = [];

        public LongPrompt(ScenarioRig rig, string prompt)
        {
            foreach (var folder in new[] { "zh", "en" })
            {
                var file = Path.Combine(rig.Sounds.FullName, folder, prompt + ".wav");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                SilentWav.Write(file, TimeSpan.FromSeconds(10));
                _files.Add(file);
            }
        }

        public void Dispose()
        {
            foreach (var file in _files) File.Delete(file);
        }
    }
}
