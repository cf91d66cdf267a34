using Ivr.Menus.Model;

namespace Ivr.Tests.Menus;

public class LoaderTests
{
    [Fact]
    public void Anchors_and_merge_keys_share_settings_and_written_keys_win()
    {
        var result = TestHost.Load("""
            entries: {"12366": a}
            nodes:
              a: &ask
                type: menu
                prompt: main-menu
                tries: 2
                timeout: 7s
                on-fail: bye
                seat-key: none
                options: {1: b}
              b:
                <<: *ask
                tries: 4
                options: {1: bye}
              bye: {type: hangup}
            """);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var b = Assert.IsType<ChoiceNode>(result.Set!.Node("b"));
        Assert.Equal(4, b.Tries);
        Assert.Equal(TimeSpan.FromSeconds(7), b.Timeout);
        Assert.Equal("bye", Assert.Single(b.Options).Goto.Id);
    }

    [Fact]
    public void Node_settings_override_defaults_and_standard_keys_can_be_turned_off()
    {
        var result = TestHost.Load("""
            defaults: {tries: 2, timeout: 4, seat: bye, on-fail: bye, invalid: invalid}
            entries: {"12366": a}
            nodes:
              a: {type: menu, prompt: main-menu, tries: 5, back-key: none, options: {"*": bye}}
              bye: {type: hangup}
            """);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var a = Assert.IsType<ChoiceNode>(result.Set!.Node("a"));
        Assert.Equal((5, TimeSpan.FromSeconds(4), null, "0", "#"), (a.Tries, a.Timeout, a.BackKey, a.SeatKey, a.RepeatKey));
        Assert.Equal("invalid", Assert.IsType<PromptItem>(Assert.Single(a.Invalid)).Prompt.Id);
    }
}
