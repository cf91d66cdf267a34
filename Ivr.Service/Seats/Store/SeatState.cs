namespace Ivr.Service.Seats.Store;

/// <summary>A seat's state on the shared board; wrap-up that has run out reads as available.</summary>
public enum SeatState { LoggedOut, Available, Offered, Busy, WrapUp, Paused }

/// <summary>One seat as the board holds it.</summary>
public sealed record SeatView(string Id, SeatState State, string? Reason, IReadOnlyDictionary<string, int> Skills, string? Call,
    long CallsToday, TimeSpan TalkToday);

/// <summary>An offer the board made: this instance's caller and the seat claimed for it (several with ring-all).</summary>
public sealed record SeatOffer(string Call, IReadOnlyList<string> Seats, string Queue)
{
    /// <summary>The one seat of a longest-idle offer (and of every callback offer).</summary>
    public string Seat => Seats[0];

    public static SeatOffer Parse(string message) => message.Split('|') is [var call, var seats, var queue] && seats.Length > 0
        ? new SeatOffer(call, seats.Split(','), queue)
        : throw new FormatException($"seat offer '{message}' is not call|seat[,seat…]|queue");
}

/// <summary>Why a seat leaves a call; Withdrawn: it rang with others for a caller another seat answered.</summary>
public enum SeatRelease { Missed, CallerGone, Ended, Withdrawn }

/// <summary>Where a caller stands: position in line, seats that could take the call, recent handle times.</summary>
public sealed record LineView(int Position, int StaffedSeats, IReadOnlyList<TimeSpan> RecentHandleTimes);

/// <summary>A caller adopted from a router that is gone: in line at <paramref name="Position"/>, or talking to <paramref name="Seat"/> on <paramref name="Leg"/>.</summary>
public sealed record AdoptedCall(string Queue, int Position, TimeSpan Waited, string? Seat, string? Leg);
