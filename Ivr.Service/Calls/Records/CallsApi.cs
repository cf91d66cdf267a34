namespace Ivr.Service.Calls.Records;

/// <summary>The call record endpoints under /admin (the group brings the authentication).</summary>
public static class CallsApi
{
    public const int MaxLast = 1000;

    public static RouteGroupBuilder MapCallsApi(this RouteGroupBuilder admin)
    {
        var g = admin.MapGroup("/calls");
        g.MapGet("/", async (int? last, CallRecordStore store, CancellationToken ct) =>
            last is < 1 or > MaxLast
                ? Results.Problem($"last must be from 1 to {MaxLast} (is {last})", statusCode: 400)
                : Results.Ok(await store.LastAsync(last ?? 20, ct)));
        g.MapGet("/{id:guid}", async (Guid id, CallRecordStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } r ? Results.Ok(r) : Results.Problem($"call {id} has no record", statusCode: 404));
        g.MapGet("/monthly/{month}", async (string month, CallRecordStore store, CancellationToken ct) =>
        {
            MonthOf m;
            try { m = MonthOf.Parse(month); }
            catch (FormatException e) { return Results.Problem(e.Message, statusCode: 400); }
            return Results.Ok(await store.MonthlyAsync(m, ct));
        });
        g.MapGet("/writer", (CallRecordWriter w) => Results.Ok(new { pending = w.Pending, written = w.Written, dropped = w.Dropped }));
        return g;
    }
}
