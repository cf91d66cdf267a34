using Ivr.Service.Seats.Config;
using Ivr.Service.Seats.Store;

namespace Ivr.Service.Seats.Admin;

/// <summary>One queue as the supervisor sees it; today is the hotline's day in China.</summary>
public sealed record QueueStats(string Queue, long Waiting, double LongestWaitSeconds, long Entered, long Answered, long AnsweredWithin20s,
    double? ServiceLevel, long Abandoned, long Handled, double? AverageHandleSeconds);

/// <summary>The supervisor view: every queue's line and today's counts, and seats by state.</summary>
public sealed record SupervisorStats(IReadOnlyList<QueueStats> Queues, IReadOnlyDictionary<string, int> SeatsByState, IReadOnlyList<object> Seats)
{
    public static async Task<SupervisorStats> ReadAsync(SeatBoard board, SeatsConfig config)
    {
        var queues = new List<QueueStats>();
        foreach (var name in config.Queues.Keys.Order(StringComparer.Ordinal))
        {
            var (waiting, longest, today) = await board.QueueAsync(name);
            long Get(string k) => today.GetValueOrDefault(k);
            var answered = Get("answered");
            var handled = Get("handled");
            queues.Add(new QueueStats(name, waiting, Math.Round(longest.TotalSeconds, 1), Get("entered"), answered, Get("answered20"),
                answered == 0 ? null : Math.Round((double)Get("answered20") / answered, 3), Get("abandoned"), handled,
                handled == 0 ? null : Math.Round(Get("handleMs") / 1000.0 / handled, 1)));
        }
        var seats = await board.SeatsAsync();
        var byState = seats.GroupBy(s => SeatsApi.Name(s.State)).ToDictionary(g => g.Key, g => g.Count());
        return new SupervisorStats(queues, byState,
            [.. seats.Select(s => (object)new { seat = s.Id, state = SeatsApi.Name(s.State), s.Reason, callsToday = s.CallsToday, talkSecondsToday = (long)s.TalkToday.TotalSeconds })]);
    }
}
