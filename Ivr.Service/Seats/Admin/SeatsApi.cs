using Ivr.Service.Seats.Config;
using Ivr.Service.Seats.Store;

namespace Ivr.Service.Seats.Admin;

/// <summary>Seat log-in, log-out and pause, and the supervisor's live statistics, under /admin (the group brings the authentication).</summary>
public static class SeatsApi
{
    /// <summary>Skills with levels, 1 to 100, higher is better: {"skills": {"vat": 5}}.</summary>
    public sealed record Login(IReadOnlyDictionary<string, int>? Skills);

    public sealed record Pause(string? Reason);

    /// <summary>What a viewer key may read: the seats, the statistics and the live page.</summary>
    public static RouteGroupBuilder MapSeatsReadApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/seats", async (SeatBoard board) => Results.Ok((await board.SeatsAsync()).Select(Describe)));
        admin.MapGet("/queues/stats", async (SeatBoard board, SeatsConfig config) => Results.Ok(await SupervisorStats.ReadAsync(board, config)));
        admin.MapGet(SupervisorPage.Path, () => Results.Content(SupervisorPage.Html, "text/html; charset=utf-8"));
        return admin;
    }

    /// <summary>What changes seats: log-in, log-out, pause (supervisor keys).</summary>
    public static RouteGroupBuilder MapSeatsApi(this RouteGroupBuilder admin)
    {
        var g = admin.MapGroup("/seats").AddEndpointFilter(async (context, next) =>
        {
            try { return await next(context); }
            catch (KeyNotFoundException e) { return Results.Problem(e.Message, statusCode: 404); }
            catch (ArgumentException e) { return Results.Problem(e.Message, statusCode: 400); }
        });
        g.MapPost("/{seat}/login", async (string seat, Login body, SeatBoard board) =>
            Results.Ok(new { seat, state = Name(await board.LoginAsync(seat, body.Skills ?? new Dictionary<string, int>())) }));
        g.MapPost("/{seat}/logout", async (string seat, SeatBoard board) =>
        {
            var state = await board.LogoutAsync(seat);
            return state == SeatState.LoggedOut ? Results.Ok(new { seat, state = Name(state) })
                : Results.Problem($"seat {seat} is {Name(state)}: log out after the call ends", statusCode: 409);
        });
        g.MapPost("/{seat}/pause", async (string seat, Pause body, SeatBoard board) =>
            string.IsNullOrWhiteSpace(body.Reason) ? Results.Problem("pause needs a reason, e.g. {\"reason\": \"lunch\"}", statusCode: 400)
                : Results.Ok(new { seat, state = Name(await board.PauseAsync(seat, body.Reason.Trim())) }));
        g.MapPost("/{seat}/unpause", async (string seat, SeatBoard board) => Results.Ok(new { seat, state = Name(await board.PauseAsync(seat, null)) }));
        return g;
    }

    static object Describe(SeatView s) => new
    {
        seat = s.Id, state = Name(s.State), reason = s.Reason, skills = s.Skills, callsToday = s.CallsToday,
        talkSecondsToday = (long)s.TalkToday.TotalSeconds,
    };

    public static string Name(SeatState s) => s switch
    {
        SeatState.LoggedOut => "logged-out",
        SeatState.Available => "available",
        SeatState.Offered => "offered",
        SeatState.Busy => "busy",
        SeatState.WrapUp => "wrap-up",
        _ => "paused",
    };
}
