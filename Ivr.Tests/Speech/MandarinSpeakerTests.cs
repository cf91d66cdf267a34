using Ivr.Service.Speech.Values;

namespace Ivr.Tests.Speech;

public class MandarinSpeakerTests
{
    [Theory]
    [InlineData("number", "0", "零")]
    [InlineData("number", "1", "一")]
    [InlineData("number", "2", "二")]
    [InlineData("number", "10", "十")]
    [InlineData("number", "11", "十一")]
    [InlineData("number", "19", "十九")]
    [InlineData("number", "20", "二十")]
    [InlineData("number", "22", "二十二")]
    [InlineData("number", "99", "九十九")]
    [InlineData("number", "100", "一百")]
    [InlineData("number", "101", "一百零一")]
    [InlineData("number", "110", "一百一十")]
    [InlineData("number", "111", "一百一十一")]
    [InlineData("number", "200", "二百")]
    [InlineData("number", "220", "二百二十")]
    [InlineData("number", "1000", "一千")]
    [InlineData("number", "1001", "一千零一")]
    [InlineData("number", "1010", "一千零一十")]
    [InlineData("number", "1100", "一千一百")]
    [InlineData("number", "2000", "两千")]
    [InlineData("number", "2222", "两千二百二十二")]
    [InlineData("number", "9999", "九千九百九十九")]
    [InlineData("number", "10000", "一万")]
    [InlineData("number", "10001", "一万零一")]
    [InlineData("number", "10010", "一万零一十")]
    [InlineData("number", "10100", "一万零一百")]
    [InlineData("number", "11000", "一万一千")]
    [InlineData("number", "12366", "一万两千三百六十六")]
    [InlineData("number", "20000", "两万")]
    [InlineData("number", "22222", "两万两千二百二十二")]
    [InlineData("number", "100000", "十万")]
    [InlineData("number", "100001", "十万零一")]
    [InlineData("number", "100010", "十万零一十")]
    [InlineData("number", "120000", "十二万")]
    [InlineData("number", "1000000", "一百万")]
    [InlineData("number", "10001000", "一千万一千")]
    [InlineData("number", "10100000", "一千零一十万")]
    [InlineData("number", "100000000", "一亿")]
    [InlineData("number", "100000001", "一亿零一")]
    [InlineData("number", "100010000", "一亿零一万")]
    [InlineData("number", "100001000", "一亿零一千")]
    [InlineData("number", "200000000", "两亿")]
    [InlineData("number", "1000000000", "十亿")]
    [InlineData("number", "120000000000", "一千二百亿")]
    [InlineData("number", "999999999999", "九千九百九十九亿九千九百九十九万九千九百九十九")]
    [InlineData("amount", "1234.50", "一千二百三十四元五角")]
    [InlineData("amount", "1234.5", "一千二百三十四元五角")]
    [InlineData("amount", "0", "零元")]
    [InlineData("amount", "0.00", "零元")]
    [InlineData("amount", "0.05", "五分")]
    [InlineData("amount", "0.5", "五角")]
    [InlineData("amount", "0.25", "两角五分")]
    [InlineData("amount", "1.05", "一元零五分")]
    [InlineData("amount", "2", "两元")]
    [InlineData("amount", "10", "十元")]
    [InlineData("amount", "12", "十二元")]
    [InlineData("amount", "10.2", "十元两角")]
    [InlineData("amount", "100.55", "一百元五角五分")]
    [InlineData("amount", "20000.02", "两万元零两分")]
    [InlineData("amount", "999999999999.99", "九千九百九十九亿九千九百九十九万九千九百九十九元九角九分")]
    [InlineData("digits", "12366", "一二三六六")]
    [InlineData("digits", "0", "零")]
    [InlineData("phone", "13800000000", "幺三八零零零零零零零零")]
    [InlineData("phone", "12366", "幺二三六六")]
    [InlineData("id", "91110108MA01ABCD1X", "九幺幺幺零幺零八MA零幺ABCD幺X")]
    [InlineData("date", "2024-11-22", "二零二四年十一月二十二日星期五")]
    [InlineData("date", "20240101", "二零二四年一月一日星期一")]
    [InlineData("date", "2025-02-10", "二零二五年二月十日星期一")]
    [InlineData("date", "2026-05-31", "二零二六年五月三十一日星期日")]
    [InlineData("time", "09:00", "上午九点")]
    [InlineData("time", "02:00", "凌晨两点")]
    [InlineData("time", "00:15", "凌晨零点十五分")]
    [InlineData("time", "12:30", "中午十二点三十分")]
    [InlineData("time", "14:05", "下午两点零五分")]
    [InlineData("time", "17:10", "下午五点十分")]
    [InlineData("time", "18:00", "晚上六点")]
    [InlineData("time", "22:45", "晚上十点四十五分")]
    [InlineData("percent", "5", "百分之五")]
    [InlineData("percent", "12.5", "百分之十二点五")]
    [InlineData("percent", "12.50", "百分之十二点五")]
    [InlineData("percent", "0.5", "百分之零点五")]
    [InlineData("percent", "100", "百分之一百")]
    [InlineData("percent", "3.02", "百分之三点零二")]
    public void Values_are_spoken_the_way_a_Mandarin_hotline_says_them(string kind, string value, string heard) =>
        Assert.Equal(heard, WordCatalog.Say(ValueSpeakers.Speak(kind, value, "zh-CN"), "zh-CN"));

    [Theory]
    [InlineData("number", "-1", "negative")]
    [InlineData("amount", "-0.01", "negative")]
    [InlineData("percent", "-3", "negative")]
    [InlineData("number", "1000000000000", "largest")]
    [InlineData("amount", "1000000000000", "larger than 999,999,999,999.99")]
    [InlineData("amount", "1.234", "fractions of a fen")]
    [InlineData("amount", "12x", "expected form")]
    [InlineData("number", "1.5", "expected form")]
    [InlineData("digits", "12#3", "'#' at position 3")]
    [InlineData("phone", "138-0000", "'-' at position 4")]
    [InlineData("date", "2024-13-01", "expected form")]
    [InlineData("time", "25:00", "expected form")]
    [InlineData("colour", "red", "unknown value kind 'colour'")]
    public void Values_that_cannot_be_spoken_are_refused_saying_why(string kind, string value, string reason)
    {
        var e = Assert.Throws<SpokenValueException>(() => ValueSpeakers.Speak(kind, value, "zh-CN"));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void The_typed_overloads_give_the_same_words_as_the_text_form()
    {
        var speaker = ValueSpeakers.For("zh");
        Assert.Equal(ValueSpeakers.Speak("amount", "1234.50", "zh-CN"), speaker.Amount(1234.50m));
        Assert.Equal(ValueSpeakers.Speak(ValueKind.Date, "2024-11-22", "zh-CN"), speaker.Date(new DateOnly(2024, 11, 22)));
        Assert.Equal(["num-yao", "num-0"], speaker.Digits("10", DigitStyle.PhoneOrId));
    }

    [Fact]
    public void Keyed_id_number_read_back_as_digits_says_its_final_x_as_a_letter()
    {
        var words = ValueSpeakers.Speak("digits", "11010519491231002X", "zh-CN");
        Assert.Equal(18, words.Count);
        Assert.Equal("letter-x", words[^1]);
        Assert.Equal("num-1", words[0]);
    }
}
