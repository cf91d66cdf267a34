using Ivr.Simulator;

namespace Ivr.Tests.Calls;

/// <summary>The 12366 menus (menus/12366.yaml) answering calls of the simulator through MenuCalls.</summary>
public sealed class MenuCallTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = MenuCallRig.Wait;
    MenuCallRig _rig = null!;
    AsteriskSimulator _sim = null!;

    public async Task InitializeAsync()
    {
        _rig = await MenuCallRig.StartAsync();
        _sim = _rig.Sim;
        await _rig.StartServiceAsync(redis: false);
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Caller_dialling_12366_hears_the_welcome_and_the_main_menu_and_key_5_opens_the_complaint_menu()
    {
        var call = await AtMainMenuAsync();
        Assert.Equal(["sound:welcome", "sound:main-menu"], call.PlayedMedia);
        await call.PressAsync("5");
        await call.WaitForPlaybackAsync("sound:complaint-menu", Wait);
        Assert.Contains(_sim.Requests, r => r.Method == "POST" && r.PathAndQuery.Contains($"/channels/{call.IvrChannelId}/answer"));
        Assert.Contains(_sim.Requests, r => r.PathAndQuery.Contains("/play/") && r.PathAndQuery.Contains("lang=zh"));
    }

    [Fact]
    public async Task Caller_who_says_nothing_at_the_main_menu_hears_the_no_input_prompt()
    {
        var call = await AtMainMenuAsync();
        await call.WaitForPlaybackAsync("sound:no-input", Wait);
    }

    [Fact]
    public async Task Key_pressed_during_the_main_menu_stops_the_prompt()
    {
        var call = await AtMainMenuAsync();
        await call.PressAsync("3");
        await call.WaitForPlaybackAsync("sound:policy-menu", Wait);
        Assert.Contains(_sim.Requests, r => r.Method == "DELETE" && r.PathAndQuery.Contains($"/playbacks/{call.IvrChannelId}-"));
    }

    [Fact]
    public async Task Action_without_a_back_end_takes_the_menus_error_path_instead_of_inventing_an_answer()
    {
        var call = await AtMainMenuAsync();
        await call.PressAsync("21");
        await call.WaitForPlaybackAsync("sound:service-error", Wait);
        Assert.DoesNotContain("sound:deadline-say", call.PlayedMedia);
    }

    [Fact]
    public async Task Key_9_switches_the_call_to_english_sounds()
    {
        var call = await AtMainMenuAsync();
        await call.PressAsync("9");
        await call.WaitForPlaybackAsync("sound:main-menu", Wait);
        Assert.Contains(_sim.Requests, r => r.PathAndQuery.Contains($"/channels/{call.IvrChannelId}/variable") && r.PathAndQuery.Contains("=en"));
        Assert.Contains(_sim.Requests, r => r.PathAndQuery.Contains("/play/") && r.PathAndQuery.Contains("lang=en"));
    }

    [Fact]
    public async Task Complaint_is_recorded_over_ari_until_the_caller_presses_hash()
    {
        var call = await AtMainMenuAsync();
        await call.PressAsync("51");
        await call.WaitForPlaybackAsync("sound:record-after-beep", Wait);
        await WaitForRequestAsync(r => r.Method == "POST" && r.PathAndQuery.Contains($"/channels/{call.IvrChannelId}/record"));
        await call.SayAsync(TimeSpan.FromMilliseconds(500));
        await call.PressAsync("#");
        // complaint.create has no back end yet, so the recorded complaint ends in the menu's error prompt.
        await call.WaitForPlaybackAsync("sound:service-error", Wait);
    }

    [Fact]
    public async Task Caller_hanging_up_during_a_prompt_ends_the_call_and_its_timers_without_further_requests()
    {
        var call = await AtMainMenuAsync();
        await call.HangUpAsync();
        await call.WaitForHangupAsync(Wait);
        await Task.Delay(200);
        var after = _sim.Requests.Count;
        // Longer than the menu's 5 s timeout: an orphan timer would play the no-input prompt to a gone channel.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.DoesNotContain(_sim.Requests.Skip(after), r => r.PathAndQuery.Contains(call.IvrChannelId));
    }

    Task<VirtualCall> AtMainMenuAsync() => _rig.AtMainMenuAsync();

    Task WaitForRequestAsync(Func<RecordedRequest, bool> match) => _rig.WaitForRequestAsync(match);
}
