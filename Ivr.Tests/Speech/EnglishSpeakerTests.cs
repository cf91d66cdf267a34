using Ivr.Service.Speech.Values;

namespace Ivr.Tests.Speech;

public class EnglishSpeakerTests
{
    [Theory]
    [InlineData("number", "0", "zero")]
    [InlineData("number", "1", "one")]
    [InlineData("number", "10", "ten")]
    [InlineData("number", "11", "eleven")]
    [InlineData("number", "19", "nineteen")]
    [InlineData("number", "20", "twenty")]
    [InlineData("number", "21", "twenty-one")]
    [InlineData("number", "40", "forty")]
    [InlineData("number", "99", "ninety-nine")]
    [InlineData("number", "100", "one hundred")]
    [InlineData("number", "101", "one hundred one")]
    [InlineData("number", "110", "one hundred ten")]
    [InlineData("number", "115", "one hundred fifteen")]
    [InlineData("number", "999", "nine hundred ninety-nine")]
    [InlineData("number", "1000", "one thousand")]
    [InlineData("number", "1001", "one thousand one")]
    [InlineData("number", "1010", "one thousand ten")]
    [InlineData("number", "1234", "one thousand two hundred thirty-four")]
    [InlineData("number", "10000", "ten thousand")]
    [InlineData("number", "10001", "ten thousand one")]
    [InlineData("number", "12366", "twelve thousand three hundred sixty-six")]
    [InlineData("number", "100000", "one hundred thousand")]
    [InlineData("number", "100001", "one hundred thousand one")]
    [InlineData("number", "1000000", "one million")]
    [InlineData("number", "1000001", "one million one")]
    [InlineData("number", "2500000", "two million five hundred thousand")]
    [InlineData("number", "100000000", "one hundred million")]
    [InlineData("number", "1000000000", "one billion")]
    [InlineData("number", "1000000001", "one billion one")]
    [InlineData("number", "12000000000", "twelve billion")]
    [InlineData("number", "999999999999", "nine hundred ninety-nine billion nine hundred ninety-nine million nine hundred ninety-nine thousand nine hundred ninety-nine")]
    [InlineData("amount", "1234.50", "one thousand two hundred thirty-four yuan and fifty fen")]
    [InlineData("amount", "0", "zero yuan")]
    [InlineData("amount", "0.05", "five fen")]
    [InlineData("amount", "0.5", "fifty fen")]
    [InlineData("amount", "1", "one yuan")]
    [InlineData("amount", "1.01", "one yuan and one fen")]
    [InlineData("amount", "2.00", "two yuan")]
    [InlineData("amount", "10.20", "ten yuan and twenty fen")]
    [InlineData("amount", "20000.02", "twenty thousand yuan and two fen")]
    [InlineData("amount", "999999999999.99", "nine hundred ninety-nine billion nine hundred ninety-nine million nine hundred ninety-nine thousand nine hundred ninety-nine yuan and ninety-nine fen")]
    [InlineData("digits", "12366", "one two three six six")]
    [InlineData("phone", "13800000000", "one three eight zero zero zero zero zero zero zero zero")]
    [InlineData("id", "91X", "nine one X")]
    [InlineData("date", "2024-11-22", "Friday November twenty-second twenty twenty-four")]
    [InlineData("date", "2024-01-01", "Monday January first twenty twenty-four")]
    [InlineData("date", "2025-03-31", "Monday March thirty-first twenty twenty-five")]
    [InlineData("date", "2025-06-30", "Monday June thirtieth twenty twenty-five")]
    [InlineData("date", "2025-06-20", "Friday June twentieth twenty twenty-five")]
    [InlineData("date", "2025-06-12", "Thursday June twelfth twenty twenty-five")]
    [InlineData("date", "2000-05-31", "Wednesday May thirty-first two thousand")]
    [InlineData("date", "2005-05-03", "Tuesday May third two thousand five")]
    [InlineData("date", "1999-12-31", "Friday December thirty-first nineteen ninety-nine")]
    [InlineData("date", "1905-01-02", "Monday January second nineteen oh five")]
    [InlineData("date", "1900-01-01", "Monday January first nineteen hundred")]
    [InlineData("time", "09:00", "nine o'clock a.m.")]
    [InlineData("time", "00:00", "twelve o'clock a.m.")]
    [InlineData("time", "12:00", "twelve o'clock p.m.")]
    [InlineData("time", "14:05", "two oh five p.m.")]
    [InlineData("time", "17:30", "five thirty p.m.")]
    [InlineData("time", "0845", "eight forty-five a.m.")]
    [InlineData("percent", "5", "five percent")]
    [InlineData("percent", "12.5", "twelve point five percent")]
    [InlineData("percent", "0.5", "zero point five percent")]
    [InlineData("percent", "100", "one hundred percent")]
    [InlineData("percent", "3.02", "three point zero two percent")]
    public void Values_are_spoken_the_way_an_English_speaker_says_them(string kind, string value, string heard) =>
        Assert.Equal(heard.Replace('-', ' '), WordCatalog.Say(ValueSpeakers.Speak(kind, value, "en-US"), "en-US").Replace('-', ' '));

    [Theory]
    [InlineData("number", "-5", "negative")]
    [InlineData("amount", "-1234.50", "negative")]
    [InlineData("number", "1000000000000", "largest")]
    [InlineData("number", "99999999999999999999", "largest")]
    [InlineData("percent", "1.00001", "more than 4 decimals")]
    [InlineData("digits", "", "empty")]
    [InlineData("date", "22/11/2024", "expected form, e.g. 2024-11-22")]
    public void Values_that_cannot_be_spoken_are_refused_saying_why(string kind, string value, string reason)
    {
        var e = Assert.Throws<SpokenValueException>(() => ValueSpeakers.Speak(kind, value, "en-US"));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void A_language_without_a_speaker_is_refused_by_name() =>
        Assert.Contains("'fr-FR'", Assert.Throws<SpokenValueException>(() => ValueSpeakers.For("fr-FR")).Message);
}
