using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance.Sounds;

public sealed class SoundDurationsTests
{
    static readonly IReadOnlyList<SoundLength> Sounds =
        SoundDurations.Derive(TraceLoader.Discover(TraceDirectory.Path).Select(n => TraceLoader.Load(TraceDirectory.Path, n)));

    static SoundLength Sound(string name) => Sounds.Single(s => s.Name == name);

    [Theory]
    [InlineData("hello-world", 1404)]
    [InlineData("beep", 425)]
    [InlineData("demo-thanks", 5525)]
    [InlineData("silence/5", 5000)]
    [InlineData("queue-periodic-announce", 7835)]
    public void A_sound_that_played_to_its_end_has_its_measured_length(string name, int ms)
    {
        Assert.True(Sound(name).Exact, name);
        Assert.InRange(Sound(name).Duration.TotalMilliseconds, ms - 5, ms + 5);
    }

    [Fact]
    public void A_sound_that_was_always_stopped_early_is_only_a_lower_bound()
    {
        var congrats = Sound("demo-congrats");

        Assert.False(congrats.Exact);
        Assert.InRange(congrats.Duration.TotalMilliseconds, 4900, 5000);
    }

    [Fact]
    public void A_file_that_Asterisk_skipped_at_once_is_missing()
    {
        Assert.True(Sound("no-such-sound-file").Missing);
        Assert.False(Sound("queue-thankyou").Missing);
    }

    [Fact]
    public void Fixtures_are_silent_wavs_of_those_lengths_and_missing_sounds_have_no_file()
    {
        using var fixtures = new SoundFixtures(Sounds);

        var hello = File.ReadAllBytes(Path.Combine(fixtures.Directory, "en", "hello-world.wav"));
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(hello, 0, 4));
        Assert.Equal(44 + 2 * (int)Math.Round(Sound("hello-world").Duration.TotalSeconds * 8000), hello.Length);
        Assert.True(File.Exists(Path.Combine(fixtures.Directory, "en", "digits", "5.wav")));
        Assert.False(File.Exists(Path.Combine(fixtures.Directory, "en", "no-such-sound-file.wav")));
    }
}
