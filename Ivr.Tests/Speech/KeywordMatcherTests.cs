using Ivr.Service.Speech.Input;

namespace Ivr.Tests.Speech;

public class KeywordMatcherTests
{
    static readonly KeywordMatcher Menu = new(
    [
        new SpeechKeyword("1", ["发票", "发票查验", "验发票", "invoice"]),
        new SpeechKeyword("2", ["申报", "报税", "申报期限", "filing", "deadline"]),
        new SpeechKeyword("3", ["投诉", "举报", "投诉举报", "complaint"]),
        new SpeechKeyword("0", ["人工", "人工服务", "转人工", "agent", "operator"]),
    ]);

    [Theory]
    [InlineData("发票", "1")]
    [InlineData("发票。", "1")]
    [InlineData("我要查询发票", "1")]
    [InlineData("我想查一下发票！", "1")]
    [InlineData("请帮我验发票", "1")]
    [InlineData("发票查验", "1")]
    [InlineData("嗯，那个，发票查询吧", "1")]
    [InlineData("我要申报", "2")]
    [InlineData("报税", "2")]
    [InlineData("请问申报期限是什么时候？", "2")]
    [InlineData("我要投诉", "3")]
    [InlineData("举报", "3")]
    [InlineData("转人工", "0")]
    [InlineData("人工服务，谢谢", "0")]
    [InlineData("我要人工", "0")]
    [InlineData("一", "1")]
    [InlineData("按一", "1")]
    [InlineData("幺", "1")]
    [InlineData("１", "1")]
    [InlineData("2号键", "2")]
    [InlineData("Invoice.", "1")]
    [InlineData("I want to check an invoice, please", "1")]
    [InlineData("ＩＮＶＯＩＣＥ", "1")]
    [InlineData("When is the filing deadline?", "2")]
    [InlineData("I'd like to make a complaint", "3")]
    [InlineData("Operator!", "0")]
    [InlineData("press three", "3")]
    [InlineData("zero", "0")]
    public void Phrasings_a_caller_uses_pick_the_right_key(string heard, string key) =>
        Assert.Equal(key, Menu.Match(heard)?.Key);

    [Theory]
    [InlineData("")]
    [InlineData("。。。")]
    [InlineData("我要")]
    [InlineData("你好")]
    [InlineData("天气怎么样")]
    [InlineData("按九")]
    [InlineData("发票投诉")]
    [InlineData("what is the weather")]
    public void Speech_that_names_no_choice_or_two_choices_picks_nothing(string heard) =>
        Assert.Null(Menu.Match(heard));

    [Fact]
    public void The_longest_phrase_wins_so_a_specific_phrase_beats_a_word_inside_it() =>
        Assert.Equal(("3", "投诉举报"), Menu.Match("投诉举报") is { } m ? (m.Key, m.Phrase) : default);

    [Fact]
    public void A_lower_hypothesis_is_used_when_the_best_one_names_nothing()
    {
        var result = new RecognitionResult(RecognitionStatus.Success, "我要插发飘",
            [new RecognitionAlternative("我要插发飘", "我 要 插 发飘", 0.6), new RecognitionAlternative("我要查发票", "我 要 查 发票", 0.3)]);
        Assert.Equal("1", Menu.Match(result)?.Key);
    }

    [Fact]
    public void The_same_phrase_for_two_keys_is_refused_naming_both() =>
        Assert.Equal("keyword '发票。' is given for key 1 and key 2; a spoken word must pick one choice",
            Assert.Throws<ArgumentException>(() => new KeywordMatcher([new("1", ["发票"]), new("2", ["发票。"])])).Message);

    [Fact]
    public void A_phrase_of_only_filler_words_is_refused() =>
        Assert.StartsWith("keyword '我要' of key 1 is only filler words",
            Assert.Throws<ArgumentException>(() => new KeywordMatcher([new("1", ["我要"])])).Message);
}
