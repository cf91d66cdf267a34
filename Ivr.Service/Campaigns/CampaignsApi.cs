namespace Ivr.Service.Campaigns;

/// <summary>The campaign endpoints under /admin (the group brings the authentication).</summary>
public static class CampaignsApi
{
    public sealed record Pacing(double SmsPerSecond);

    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder admin)
    {
        var g = admin.MapGroup("/campaigns").AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (CampaignValidationException e)
            {
                return Results.ValidationProblem(e.Errors);
            }
            catch (CampaignConflictException e)
            {
                return Results.Problem(e.Message, statusCode: 409);
            }
            catch (KeyNotFoundException e)
            {
                return Results.Problem(e.Message, statusCode: 404);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                return Results.Problem(e.Message, statusCode: 400);
            }
        });
        g.MapGet("/", (CampaignAdmin a, CancellationToken ct) => a.ListAsync(ct));
        g.MapPost("/", async (Campaign c, CampaignAdmin a, CancellationToken ct) =>
        {
            var id = await a.CreateAsync(c, ct);
            return Results.Created($"/admin/campaigns/{id}", new { id });
        });
        g.MapGet("/{id:long}", async (long id, CampaignAdmin a, CancellationToken ct) =>
            await a.GetAsync(id, ct) is { } p ? Results.Ok(p) : Results.Problem($"campaign {id} does not exist", statusCode: 404));
        g.MapPost("/{id:long}/audience", async (long id, HttpRequest request, AudienceImport import, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            return Results.Ok(new { rows = await import.ImportCsvAsync(id, reader, $"campaign {id} audience CSV", ct) });
        }).Accepts<string>("text/csv");
        g.MapPost("/{id:long}/schedule", Act((a, id, ct) => a.ScheduleAsync(id, ct)));
        g.MapPost("/{id:long}/pause", Act((a, id, ct) => a.PauseAsync(id, ct)));
        g.MapPost("/{id:long}/resume", Act((a, id, ct) => a.ResumeAsync(id, ct)));
        g.MapPost("/{id:long}/cancel", Act((a, id, ct) => a.CancelAsync(id, ct)));
        g.MapPut("/{id:long}/pacing", async (long id, Pacing p, CampaignAdmin a, CancellationToken ct) =>
        {
            await a.SetPacingAsync(id, p.SmsPerSecond, ct);
            return Results.Ok(await a.GetAsync(id, ct));
        });
        return admin;
    }

    static Func<long, CampaignAdmin, CancellationToken, Task<IResult>> Act(Func<CampaignAdmin, long, CancellationToken, Task> action) =>
        async (id, a, ct) =>
        {
            await action(a, id, ct);
            return Results.Ok(await a.GetAsync(id, ct));
        };
}
