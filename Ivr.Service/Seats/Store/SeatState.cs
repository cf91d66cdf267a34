namespace Ivr.Service.Seats.Store;

/// <summary>A seat's state on the shared board; wrap-up that has run out reads as available.</summary>
public enum SeatState { LoggedOut, Available, Offered, Busy, WrapUp, Paused }

/// <summary>One seat as the board holds it.</summary>
public sealed record SeatView(string Id, SeatState State, string? Reason, IReadOnlyDictionary<string, int> Skills, string? Call,
    long CallsToday, TimeSpan TalkToday);

/// <summary>An offer the board made: this instance's caller and the seat claimed for it.</summary>
public sealed record SeatOffer(string Call, string Seat, string Queue)
{
    public static SeatOffer Parse(string message) => message.Split('|') is [var call, var seat, var queue]
        ? new SeatOffer(call, seat, queue)
        : throw new FormatException($"seat offer '{message}' is not call|seat|queue");
}

/// <summary>Why a seat leaves a call.</summary>
public enum SeatRelease { Missed, CallerGone, Ended }

/// <summary>Where a caller stands: position in line, seats that could take the call, recent handle times.</summary>
public sealed record LineView(int Position, int StaffedSeats, IReadOnlyList<TimeSpan> RecentHandleTimes);
