using System.Security.Claims;
using System.Text.Json;
using Ivr.Menus.Graph;
using Ivr.Service.Admin;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ivr.Service.Menus.Production;

/// <summary>
/// <c>/admin/menus</c>: revisions (list, get, graph), validate, upload, activate, rollback. Viewers read and validate;
/// supervisors change. Errors in menus come back 422 with file:line:col and a hint for each.
/// </summary>
public static class MenusApi
{
    const int ListLimit = 100;

    public static RouteGroupBuilder MapMenusApi(this IEndpointRouteBuilder routes)
    {
        var menus = routes.MapGroup("/admin/menus").RequireAuthorization(AdminAuthentication.ReadPolicy);
        menus.MapGet("", StatusAsync);
        menus.MapGet("/revisions", ListAsync);
        menus.MapGet("/activations", async (MenuDeployment d, CancellationToken ct) => TypedResults.Ok(await d.Revisions.HistoryAsync(ListLimit, ct)));
        menus.MapGet("/revisions/{revision}", GetAsync);
        menus.MapGet("/graph", (MenuDeployment d) => Dot(DotGraph.Write(d.Store.Current)));
        menus.MapGet("/revisions/{revision}/graph", GraphAsync);
        menus.MapPost("/validate", ValidateAsync);
        menus.MapPost("/revisions", UploadAsync).RequireAuthorization(AdminAuthentication.Policy);
        menus.MapPost("/revisions/{revision}/activate", ActivateAsync).RequireAuthorization(AdminAuthentication.Policy);
        menus.MapPost("/rollback", RollbackAsync).RequireAuthorization(AdminAuthentication.Policy);
        return menus;
    }

    static async Task<Ok<MenuStatusView>> StatusAsync(MenuDeployment d, CancellationToken ct) =>
        TypedResults.Ok(new MenuStatusView(d.Store.Current.Revision, await d.Revisions.ActiveAsync(ct), MenuRejectionView.Of(d.LastRejection)));

    static async Task<Ok<List<RevisionView>>> ListAsync(MenuDeployment d, CancellationToken ct)
    {
        var active = (await d.Revisions.ActiveAsync(ct))?.Revision;
        return TypedResults.Ok((await d.Revisions.ListAsync(ListLimit, ct)).Select(r => RevisionView.Of(r, active)).ToList());
    }

    static async Task<Results<Ok<StoredRevision>, NotFound<ProblemDetails>>> GetAsync(string revision, MenuDeployment d, CancellationToken ct) =>
        await d.Revisions.GetAsync(revision, ct) is { } stored ? TypedResults.Ok(stored) : NoSuchRevision(revision);

    static async Task<IResult> GraphAsync(string revision, MenuDeployment d, CancellationToken ct)
    {
        if (await d.Revisions.GetAsync(revision, ct) is not { } stored) return NoSuchRevision(revision);
        var result = d.Validate(stored.Files);
        return result.Set is { } set ? Dot(DotGraph.Write(set)) : TypedResults.UnprocessableEntity(SubmissionView.Of(result));
    }

    static async Task<IResult> ValidateAsync(HttpRequest request, MenuDeployment d)
    {
        var (files, problem) = await ReadFilesAsync(request);
        if (problem is not null) return problem;
        var result = d.Validate(files!);
        return result.Succeeded ? TypedResults.Ok(SubmissionView.Of(result)) : TypedResults.UnprocessableEntity(SubmissionView.Of(result));
    }

    /// <summary>Stores and (unless <c>?activate=false</c>) activates a complete set of menu files.</summary>
    static async Task<IResult> UploadAsync(HttpRequest request, MenuDeployment d, ClaimsPrincipal user, CancellationToken ct, bool activate = true)
    {
        var (files, problem) = await ReadFilesAsync(request);
        if (problem is not null) return problem;
        var submission = await d.SubmitAsync(files!, Who(user), "upload", activate, ct);
        var view = SubmissionView.Of(submission.Result, submission.Activation);
        return submission.Stored is { } stored
            ? TypedResults.Created($"/admin/menus/revisions/{stored.Revision}", view)
            : TypedResults.UnprocessableEntity(view);
    }

    static async Task<IResult> ActivateAsync(string revision, MenuDeployment d, ClaimsPrincipal user, CancellationToken ct) =>
        Outcome(await d.ActivateAsync(revision, Who(user), "activate", ct), revision);

    static async Task<IResult> RollbackAsync(HttpRequest request, MenuDeployment d, ClaimsPrincipal user, CancellationToken ct)
    {
        RollbackBody? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try { body = await request.ReadFromJsonAsync<RollbackBody>(ct); }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return TypedResults.Problem($"the body is not {{\"revision\": \"...\"}}: {e.Message}", statusCode: 400);
            }
        }
        var submission = await d.RollbackAsync(body?.Revision, Who(user), ct);
        if (submission is null && body?.Revision is null)
            return TypedResults.Problem("no earlier revision was ever active; nothing to roll back to", statusCode: 409);
        return Outcome(submission, body?.Revision ?? "");
    }

    static IResult Outcome(MenuSubmission? submission, string revision) => submission switch
    {
        null => NoSuchRevision(revision),
        { Activation: { } a } => TypedResults.Ok(SubmissionView.Of(submission.Result, a)),
        _ => TypedResults.UnprocessableEntity(SubmissionView.Of(submission.Result)),
    };

    /// <summary>JSON <c>{"files": [{"path", "text"}]}</c>, or multipart/form-data with each file named by its path.</summary>
    static async Task<(IReadOnlyList<MenuFile>? Files, IResult? Problem)> ReadFilesAsync(HttpRequest request)
    {
        List<MenuFile>? files;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            files = [];
            foreach (var file in form.Files)
            {
                using var reader = new StreamReader(file.OpenReadStream());
                files.Add(new MenuFile(file.FileName, await reader.ReadToEndAsync(request.HttpContext.RequestAborted)));
            }
        }
        else
        {
            try { files = (await request.ReadFromJsonAsync<MenuFilesBody>(request.HttpContext.RequestAborted))?.Files; }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return (null, TypedResults.Problem(
                    $"send multipart/form-data with the menu files, or JSON {{\"files\": [{{\"path\": \"12366.yaml\", \"text\": \"...\"}}]}}: {e.Message}",
                    statusCode: 400));
            }
        }
        var problems = MenuFile.Problems(files);
        return problems.Count > 0
            ? (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["files"] = [.. problems] }))
            : (files, null);
    }

    static string Who(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown key";

    static NotFound<ProblemDetails> NoSuchRevision(string revision) => TypedResults.NotFound(new ProblemDetails
    {
        Title = "no such menu revision",
        Detail = $"no menu revision '{revision}' is stored; GET /admin/menus/revisions lists them",
        Status = 404,
    });

    static ContentHttpResult Dot(string dot) => TypedResults.Text(dot, "text/vnd.graphviz; charset=utf-8");
}
