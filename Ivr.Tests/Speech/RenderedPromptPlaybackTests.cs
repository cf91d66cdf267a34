using System.Diagnostics;
using Ivr.Service.Speech;
using Ivr.Service.Speech.Audio;
using Ivr.Service.Speech.Build;
using Ivr.Simulator;
using Ivr.Tests.Simulator;

namespace Ivr.Tests.Speech;

public class RenderedPromptPlaybackTests
{
    [Fact]
    public async Task A_rendered_Mandarin_prompt_plays_in_the_simulator_for_as_long_as_its_file_lasts()
    {
        using var dir = new TempFolder();
        var sounds = dir.Combine("sounds");
        var catalog = PromptCatalog.Load(dir.WriteCatalog("  closing:\n    zh-CN: 感谢您的来电，再见。\n    en-US: Goodbye.\n"));
        Assert.Empty((await new PromptBuilder(new EspeakSynthesizer(new EspeakOptions())).BuildAsync(catalog, sounds)).Errors);
        var length = WavInfo.Read(Path.Combine(sounds, "zh", "closing.wav")).Duration;

        await using var sim = await AsteriskSimulator.StartAsync(new SimulatorOptions { SoundsDirectory = sounds });
        await using var ari = new RawAri(sim);
        var events = await ari.EventsAsync("ivr");
        var call = await sim.DialAsync("12366");
        await events.NextAsync("StasisStart", call.IvrChannelId);

        var (status, _) = await ari.PostAsync($"channels/{call.IvrChannelId}/play/pb-closing?media=sound%3Aclosing&lang=zh");
        Assert.Equal(201, status);
        await events.NextAsync("PlaybackStarted");
        var clock = Stopwatch.StartNew();
        var finished = await events.NextAsync("PlaybackFinished", timeout: length + TimeSpan.FromSeconds(5));

        Assert.Equal("done", finished.GetProperty("playback").GetProperty("state").GetString());
        Assert.InRange(clock.Elapsed, length - TimeSpan.FromMilliseconds(150), length + TimeSpan.FromSeconds(1.5));
    }
}
