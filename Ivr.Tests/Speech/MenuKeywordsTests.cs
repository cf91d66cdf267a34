using Ivr.Menus.Engine;
using Ivr.Menus.Model;
using Ivr.Service.Calls.Menu;
using Ivr.Tests.Menus;

namespace Ivr.Tests.Speech;

/// <summary>Which words each menu node listens for on a call, and the engine event a spoken choice becomes.</summary>
public sealed class MenuKeywordsTests
{
    const string Yaml = """
        defaults:
          invalid: invalid
          no-input: no-input
          confirm: confirm
          capped: goodbye
          seat-key: "0"
          seat: seat
          on-fail: bye
        entries:
          "12366": main
        nodes:
          main:
            type: menu
            prompt: main-menu
            options:
              1: {goto: bye, say: [发票, invoice]}
              2: {goto: bye, say: [发票代码]}
              3: {goto: bye, say: [客服热线]}
              4: bye
          keys-only:
            type: menu
            prompt: main-menu
            options:
              1: bye
          filler:
            type: menu
            prompt: main-menu
            options:
              1: {goto: bye, say: [查询]}
          seat: {type: queue, queue: general, next: bye}
          bye: {type: hangup, prompt: goodbye}
        """;

    static readonly MenuSet Set = TestHost.Load(Yaml) is { Set: { } s } ? s
        : throw new InvalidOperationException(string.Join("\n", TestHost.Load(Yaml).Diagnostics));

    static readonly ChoiceNode Main = (ChoiceNode)Set.Node("main");

    [Theory]
    [InlineData("我要查发票。", "1")]
    [InlineData("Invoice please", "1")]
    [InlineData("发票代码", "2")]
    [InlineData("按四", "4")]
    [InlineData("转人工", "0")]
    [InlineData("I want an operator", "0")]
    [InlineData("客服热线", "3")]
    [InlineData("今天天气怎么样", null)]
    public void A_menu_with_keywords_hears_its_options_its_keys_and_the_seat_words(string heard, string? key)
    {
        var matcher = new MenuKeywords().For(Set, "main", out var problem);
        Assert.Null(problem);
        Assert.Equal(key, matcher!.Match(heard)?.Key);
    }

    [Fact]
    public void A_menu_without_keywords_is_not_listened_to()
    {
        Assert.Null(new MenuKeywords().For(Set, "keys-only", out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Keywords_that_are_only_filler_make_the_node_take_keys_and_are_reported_once()
    {
        var keywords = new MenuKeywords();
        Assert.Null(keywords.For(Set, "filler", out var problem));
        Assert.Contains("node filler", problem);
        Assert.Contains("'查询'", problem);
        Assert.Null(keywords.For(Set, "filler", out var again));
        Assert.Null(again);
    }

    [Fact]
    public void An_option_keyword_goes_to_the_engine_as_speech_and_leads_where_its_key_does()
    {
        var matcher = new MenuKeywords().For(Set, "main", out _)!;
        Assert.Equal(new CallEvent.Speech("发票"), MenuKeywords.EventFor(Main, matcher.Match("发票")!, TimeSpan.Zero));
    }

    [Fact]
    public void A_spoken_key_a_seat_word_or_a_keyword_holding_an_earlier_option_s_keyword_is_its_key_pressed()
    {
        var matcher = new MenuKeywords().For(Set, "main", out _)!;
        var at = TimeSpan.FromSeconds(3);
        Assert.Equal(new CallEvent.Digit('4', at), MenuKeywords.EventFor(Main, matcher.Match("按四")!, at));
        Assert.Equal(new CallEvent.Digit('0', at), MenuKeywords.EventFor(Main, matcher.Match("人工服务")!, at));
        // The engine would take 发票代码 to option 1 (发票 is inside it); the matcher chose 2 on the longer word.
        Assert.Equal(new CallEvent.Digit('2', at), MenuKeywords.EventFor(Main, matcher.Match("发票代码")!, at));
    }
}
