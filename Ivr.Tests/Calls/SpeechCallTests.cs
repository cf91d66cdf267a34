using Ivr.Simulator;
using Ivr.Tests.Simulator;
using Ivr.Tests.Speech;
using RecordedRequest = Ivr.Simulator.RecordedRequest;

namespace Ivr.Tests.Calls;

/// <summary>
/// Callers answering the 12366 menus by voice over ARI: the simulator's callers speak (voice frames the recording keeps),
/// a loopback stand-in for Azure's short-audio endpoint recognises what the test scripts, and MenuCalls listens after
/// each keyword menu's prompt.
/// </summary>
public sealed class SpeechCallTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = MenuCallRig.Wait;
    MenuCallRig _rig = null!;
    AsteriskSimulator _sim = null!;
    SpeechToTextStandIn _azure = null!;

    public async Task InitializeAsync()
    {
        _rig = await MenuCallRig.StartAsync();
        _sim = _rig.Sim;
        _azure = await SpeechToTextStandIn.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _azure.DisposeAsync();
    }

    Task StartWithSpeechAsync()
    {
        var settings = _azure.Settings();
        // One second of silence ends an answer, so each test waits less; the simulator records wav only (8 kHz, sent upsampled).
        settings["Speech:Listen:MaxSilenceSeconds"] = "1";
        settings["Speech:Listen:Format"] = "wav";
        return _rig.StartServiceAsync(redis: false, settings: settings);
    }

    /// <summary>The caller is at the main menu, its prompt is over, and the service records to hear the answer.</summary>
    async Task<VirtualCall> ListenedToAtMainMenuAsync()
    {
        var call = await _rig.AtMainMenuAsync();
        await _rig.WaitForRequestAsync(IsListenFor(call));
        return call;
    }

    static Func<RecordedRequest, bool> IsListenFor(VirtualCall call, int skip = 0) =>
        r => r.Method == "POST" && r.PathAndQuery.StartsWith($"/ari/channels/{call.IvrChannelId}/record?", StringComparison.Ordinal)
             && r.PathAndQuery.Contains($"name={call.IvrChannelId}-speech-", StringComparison.Ordinal);

    async Task<int> StoredRecordingsAsync()
    {
        await using var raw = new RawAri(_sim);
        return (await raw.GetAsync("recordings/stored")).Body.GetArrayLength();
    }

    Task ListenCleanedUpAsync(VirtualCall call) => _rig.WaitForRequestAsync(r =>
        r.Method == "DELETE" && r.PathAndQuery.Contains($"/recordings/stored/{call.IvrChannelId}-speech-", StringComparison.Ordinal));

    [Fact]
    public async Task Caller_who_says_rengong_at_the_main_menu_goes_to_the_seats_like_key_0()
    {
        await StartWithSpeechAsync();
        var call = await ListenedToAtMainMenuAsync();

        _azure.WillHear("我要转人工。");
        await call.SayAsync(TimeSpan.FromSeconds(1));

        // No calendars in call-control tests: the seats are closed, and the menu says so.
        await call.WaitForPlaybackAsync("sound:seat-closed", Wait);
        // A recording that started before the caller spoke may have ended in silence first: only one had the words.
        Assert.Equal(("zh-CN", true, (string?)null), Assert.Single(_azure.Heard, h => h.Voice));
        Assert.All(_azure.Heard, h => Assert.Null(h.Problem));
        await ListenCleanedUpAsync(call);
        Assert.Equal(0, await StoredRecordingsAsync());
    }

    [Fact]
    public async Task Caller_who_switched_to_english_says_policy_and_is_recognised_in_english()
    {
        await StartWithSpeechAsync();
        var call = await ListenedToAtMainMenuAsync();
        await call.PressAsync("9");
        await call.WaitForPlaybackAsync("sound:main-menu", Wait);
        var before = _sim.Requests.Count;
        await _rig.WaitForRequestAsync(IsListenFor(call), skip: before);

        _azure.WillHear("Policy, please.");
        await call.SayAsync(TimeSpan.FromSeconds(1));

        await call.WaitForPlaybackAsync("sound:policy-menu", Wait);
        Assert.Equal(("en-US", true, (string?)null), Assert.Single(_azure.Heard, h => h.Voice));
        Assert.Contains(_sim.Requests, r => r.PathAndQuery.Contains("/play/") && r.PathAndQuery.Contains("lang=en"));
    }

    [Fact]
    public async Task Words_that_name_no_choice_leave_the_menu_waiting_until_its_no_input_prompt()
    {
        await StartWithSpeechAsync();
        var call = await ListenedToAtMainMenuAsync();

        _azure.WillHear("今天天气怎么样？");
        await call.SayAsync(TimeSpan.FromSeconds(1));

        // The engine ignores speech that names no option; the menu's timer, held while the caller spoke, then fires.
        await call.WaitForPlaybackAsync("sound:no-input", Wait);
        await call.WaitForPlaybackAsync("sound:main-menu", Wait);
        Assert.Contains(_azure.Heard, h => h is { Voice: true, Problem: null });
        Assert.All(_azure.Heard, h => Assert.Null(h.Problem));
        Assert.DoesNotContain(call.PlayedMedia, m => m is "sound:invalid-choice" or "sound:seat-closed" or "sound:policy-menu");
    }

    [Fact]
    public async Task Key_pressed_while_the_caller_is_listened_to_is_the_answer_and_the_words_are_dropped()
    {
        await StartWithSpeechAsync();
        var call = await ListenedToAtMainMenuAsync();

        // Had the words counted, the call would go to the invoice menu as well.
        _azure.WillHear("发票");
        await call.SayAsync(TimeSpan.FromMilliseconds(500));
        await call.PressAsync("3");

        await call.WaitForPlaybackAsync("sound:policy-menu", Wait);
        await ListenCleanedUpAsync(call);
        // A dropped answer leaves nothing to await; the stand-in answers at once, so half a second is ample for a wrong turn.
        await Task.Delay(500);
        Assert.DoesNotContain("sound:invoice-kind", call.PlayedMedia);
        var first = _sim.Requests.First(IsListenFor(call)).PathAndQuery.Split("name=")[1].Split('&')[0];
        await using var raw = new RawAri(_sim);
        Assert.Equal(404, (await raw.GetAsync($"recordings/stored/{first}")).Status);
    }

    [Fact]
    public async Task Caller_hanging_up_while_listened_to_leaves_no_recording_and_asks_azure_nothing()
    {
        await StartWithSpeechAsync();
        var call = await ListenedToAtMainMenuAsync();
        await call.SayAsync(TimeSpan.FromMilliseconds(300));

        await call.HangUpAsync();
        await call.WaitForHangupAsync(Wait);

        await ListenCleanedUpAsync(call);
        Assert.Equal(0, await StoredRecordingsAsync());
        Assert.Empty(_azure.Heard);
    }

    [Fact]
    public async Task Without_an_azure_key_the_menu_never_records_to_listen()
    {
        await _rig.StartServiceAsync(redis: false);
        var call = await _rig.AtMainMenuAsync();

        await call.WaitForPlaybackAsync("sound:no-input", Wait);

        Assert.DoesNotContain(_sim.Requests, r => r.PathAndQuery.Contains("/record", StringComparison.Ordinal));
        Assert.DoesNotContain(_sim.Requests, r => r.PathAndQuery.Contains("/recordings/", StringComparison.Ordinal));
        Assert.Empty(_azure.Heard);
    }
}
