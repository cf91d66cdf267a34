using Ivr.Menus.Engine;
using Ivr.Menus.Model;
using Ivr.Service.Calls.Menu;
using ValueSpeakers = Ivr.Service.Speech.Values.ValueSpeakers;

namespace Ivr.Tests.Calls;

public sealed class MenuMediaTests
{
    static readonly Dictionary<string, string> Folders = new() { ["zh-CN"] = "zh", ["en-US"] = "en" };

    [Fact]
    public void Prompts_become_sounds_and_values_become_the_word_prompts_of_the_call_language_in_order()
    {
        var play = new CallCommand.Play("p7", "zh-CN",
            [new Spoken.Prompt("ticket-number-is"), new Spoken.Value(ValueKind.Digits, "2026"), new Spoken.Prompt("goodbye")]);

        var media = MenuMedia.For(play, l => Folders[l]);

        string[] expected = ["sound:ticket-number-is", .. ValueSpeakers.Speak("digits", "2026", "zh-CN").Select(id => "sound:" + id), "sound:goodbye"];
        Assert.Equal(expected, media.Media);
        Assert.Equal("zh", media.Folder);
        Assert.Empty(media.Problems);
    }

    [Fact]
    public void English_call_gets_english_words_and_the_en_sound_folder()
    {
        var play = new CallCommand.Play("p2", "en-US", [new Spoken.Value(ValueKind.Amount, "1234.50")]);

        var media = MenuMedia.For(play, l => Folders[l]);

        Assert.Equal(ValueSpeakers.Speak("amount", "1234.50", "en-US").Select(id => "sound:" + id), media.Media);
        Assert.NotEqual(ValueSpeakers.Speak("amount", "1234.50", "zh-CN"), ValueSpeakers.Speak("amount", "1234.50", "en-US"));
        Assert.Equal("en", media.Folder);
    }

    [Fact]
    public void Value_that_cannot_be_spoken_is_left_out_and_named_with_its_playback()
    {
        var play = new CallCommand.Play("p3", "zh-CN", [new Spoken.Prompt("status-filed"), new Spoken.Value(ValueKind.Date, "2024-13-45")]);

        var media = MenuMedia.For(play, l => Folders[l]);

        Assert.Equal(["sound:status-filed"], media.Media);
        var problem = Assert.Single(media.Problems);
        Assert.Contains("p3", problem);
        Assert.Contains("2024-13-45", problem);
    }
}
