using Ivr.Service.Calendar;

namespace Ivr.Service.SelfService.Hours;

/// <summary>
/// The host calendars menus branch on (<c>open: seat-hours</c>): seats answer on working days of the working-day
/// calendar, within SelfService:SeatHours (default 09:00–12:00 and 14:00–18:00, what the seat-closed prompt tells
/// callers) in SelfService:TimeZone (default Asia/Shanghai).
/// </summary>
public sealed partial class OpenCalendars(CallingWindows seatHours, ILogger<OpenCalendars> logger)
{
    public const string SeatHours = "seat-hours";

    static readonly IReadOnlySet<string> None = new HashSet<string>();
    static readonly IReadOnlySet<string> Seats = new HashSet<string> { SeatHours };

    public static OpenCalendars Create(IConfiguration selfService, WorkingDayCalendar calendar, ILogger<OpenCalendars> logger)
    {
        var spec = selfService["SeatHours"] ?? CallingWindows.Default;
        try
        {
            return new OpenCalendars(CallingWindows.Parse(spec, selfService["TimeZone"] ?? "Asia/Shanghai", calendar), logger);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"SelfService:SeatHours / SelfService:TimeZone: {e.Message}", e);
        }
    }

    /// <summary>The calendars open at <paramref name="instant"/>.</summary>
    public IReadOnlySet<string> At(DateTimeOffset instant)
    {
        try
        {
            return seatHours.IsOpen(instant) ? Seats : None;
        }
        catch (CalendarNotCoveredException e)
        {
            // Seats closed is the safe answer: callers are offered a callback instead of waiting for nobody.
            LogNotCovered(logger, e.Message);
            return None;
        }
    }

    [LoggerMessage(EventId = 6320, Level = LogLevel.Error, Message = "seat hours treated as closed: {Reason}")]
    static partial void LogNotCovered(ILogger logger, string reason);
}
