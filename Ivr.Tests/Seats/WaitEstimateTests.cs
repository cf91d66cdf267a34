using Ivr.Service.Seats.Config;
using Ivr.Service.Seats.Routing;
using Ivr.Service.Seats.Store;

namespace Ivr.Tests.Seats;

/// <summary>The expected wait and what the position announcement says.</summary>
public sealed class WaitEstimateTests
{
    static LineView Line(int position, int seats, params int[] handleSeconds) =>
        new(position, seats, [.. handleSeconds.Select(s => TimeSpan.FromSeconds(s))]);

    [Theory]
    [InlineData(1, 1, new int[0], 3)]       // nothing handled yet: 3 minutes a call
    [InlineData(3, 1, new[] { 60, 120 }, 5)] // 3 × 90 s on one seat = 4.5 min, rounded up
    [InlineData(10, 5, new[] { 120 }, 4)]   // 10 × 2 min over 5 seats
    [InlineData(1, 20, new[] { 30 }, 1)]    // never less than a minute
    [InlineData(4, 0, new[] { 60 }, 4)]     // no seat staffed counts as one
    public void Expected_wait_is_the_callers_up_to_this_one_times_the_average_handle_time_over_the_staffed_seats(int position, int seats, int[] handled, int minutes) =>
        Assert.Equal(minutes, WaitEstimate.Minutes(Line(position, seats, handled)));

    [Fact]
    public void Announcement_says_callers_ahead_and_minutes_in_mandarin_and_english()
    {
        var announce = new AnnounceSettings(TimeSpan.FromSeconds(30), "queue-position", "queue-wait", "time-minute");
        var line = Line(3, 1, 120);

        var zh = WaitEstimate.Announcement(announce, line, "zh-CN");
        var en = WaitEstimate.Announcement(announce, line, "en-US");

        Assert.Equal("sound:queue-position", zh[0]);
        Assert.Equal("sound:time-minute", zh[^1]);
        Assert.Contains("sound:queue-wait", zh);
        Assert.Equal(["sound:queue-position", "sound:num-2", "sound:queue-wait", "sound:num-6", "sound:time-minute"], en);
    }
}
