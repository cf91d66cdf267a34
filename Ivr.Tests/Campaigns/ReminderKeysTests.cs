using Ivr.Service.Campaigns;

namespace Ivr.Tests.Campaigns;

/// <summary>Which keys of a reminder call ask for the SMS: a 2 at the reminder, not a 2 given to the seat part after 0.</summary>
public sealed class ReminderKeysTests
{
    [Theory]
    [InlineData("2", true)]
    [InlineData("12", true)]
    [InlineData("112", true)]
    [InlineData("20", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("1", false)]
    [InlineData("0", false)]
    [InlineData("02", false)]    // 0 to a seat, then a survey score of 2
    [InlineData("1024", false)]
    public void Sms_is_asked_for_by_a_2_pressed_before_any_0(string? keys, bool asks)
    {
        Assert.Equal(asks, ReminderKeys.AsksForSms(keys));
    }
}
