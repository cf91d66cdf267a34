using Ivr.Service.Seats.Config;
using Ivr.Service.Seats.Store;
using Ivr.Service.Speech.Values;

namespace Ivr.Service.Seats.Routing;

/// <summary>The estimated wait and the position announcement; pure, so the numbers a caller hears are unit-tested.</summary>
public static class WaitEstimate
{
    /// <summary>Assumed handle time until the queue has handled calls of its own.</summary>
    public static readonly TimeSpan DefaultHandleTime = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Callers ahead of this one (position − 1) plus this one, each taking the rolling average handle time, shared by the
    /// staffed seats; whole minutes, at least one.
    /// </summary>
    public static int Minutes(LineView line) => Math.Max(1, (int)Math.Ceiling(Wait(line).TotalMinutes));

    /// <summary>The estimate <see cref="Minutes"/> rounds: what the callback offer's threshold is compared with.</summary>
    public static TimeSpan Wait(LineView line)
    {
        var average = line.RecentHandleTimes.Count == 0 ? DefaultHandleTime
            : TimeSpan.FromTicks((long)line.RecentHandleTimes.Average(t => t.Ticks));
        return average * Math.Max(1, line.Position) / Math.Max(1, line.StaffedSeats);
    }

    /// <summary>"Callers ahead of you: N. Expected wait: M minutes", as sound media in the caller's language.</summary>
    public static IReadOnlyList<string> Announcement(AnnounceSettings announce, LineView line, string language) =>
    [
        "sound:" + announce.PositionPrompt,
        .. ValueSpeakers.Speak(ValueKind.Number, Math.Max(0, line.Position - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), language)
            .Select(id => "sound:" + id),
        "sound:" + announce.WaitPrompt,
        .. ValueSpeakers.Speak(ValueKind.Number, Minutes(line).ToString(System.Globalization.CultureInfo.InvariantCulture), language).Select(id => "sound:" + id),
        "sound:" + announce.MinutesPrompt,
    ];
}
