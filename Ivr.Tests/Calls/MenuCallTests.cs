using Ivr.Service.Calls.Menu;
using Ivr.Simulator;
using Ivr.Tests.Conformance.Sounds;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Tests.Calls;

/// <summary>The 12366 menus (menus/12366.yaml) answering calls of the simulator through MenuCalls.</summary>
public sealed class MenuCallTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    AsteriskSimulator _sim = null!;
    MenuCalls _service = null!;
    readonly DirectoryInfo _sounds = Directory.CreateTempSubdirectory("ivr-menu-sounds-");

    public async Task InitializeAsync()
    {
        // The simulator fails sounds it has no file for at once; the main menu needs a length so keys can interrupt it.
        foreach (var folder in new[] { "zh", "en" })
        {
            Directory.CreateDirectory(Path.Combine(_sounds.FullName, folder));
            SilentWav.Write(Path.Combine(_sounds.FullName, folder, "welcome.wav"), TimeSpan.FromMilliseconds(300));
            SilentWav.Write(Path.Combine(_sounds.FullName, folder, "main-menu.wav"), TimeSpan.FromSeconds(2));
        }
        _sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
        {
            DialplanPath = Path.Combine(Servers.RepoRoot(), "asterisk-config", "extensions.conf"),
            SoundsDirectory = _sounds.FullName,
        });
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ari:Url"] = _sim.AriUrl.ToString(), ["Ari:User"] = _sim.User, ["Ari:Password"] = _sim.Password,
        }).Build();
        var setup = MenuCallSetup.TryLoad(config, Servers.RepoRoot(), out var errors)
            ?? throw new InvalidOperationException("menus do not load: " + string.Join(Environment.NewLine, errors));
        _service = new MenuCalls(config, setup, new UnavailableActions(NullLogger<UnavailableActions>.Instance), TimeProvider.System,
            NullLoggerFactory.Instance);
        await _service.StartAsync(CancellationToken.None);
        await _service.Connected.WaitAsync(Wait);
    }

    public async Task DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        await _sim.DisposeAsync();
        _sounds.Delete(recursive: true);
    }

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

    /// <summary>A caller who dialled 12366 and is hearing the main menu.</summary>
    async Task<VirtualCall> AtMainMenuAsync()
    {
        var call = await _sim.DialAsync("12366", callerId: "13800000000");
        await call.WaitForPlaybackAsync("sound:main-menu", Wait);
        return call;
    }

    async Task WaitForRequestAsync(Func<RecordedRequest, bool> match)
    {
        var until = DateTime.UtcNow + Wait;
        while (!_sim.Requests.Any(match))
        {
            Assert.True(DateTime.UtcNow < until, "the request never came; requests: " + string.Join(Environment.NewLine, _sim.Requests.Select(r => $"{r.Method} {r.PathAndQuery} {r.Status}")));
            await Task.Delay(50);
        }
    }
}
