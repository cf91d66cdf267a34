using Ivr.Ari.Models;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Http;

/// <summary>/ari/playbacks/{id}: get, stop (not queued: it frees a blocked channel at once), control.</summary>
internal static class PlaybacksApi
{
    public static void Map(RouteGroupBuilder ari, Pbx pbx)
    {
        ari.MapGet("/playbacks/{id}", Handlers.Sync(pbx, (h, _) =>
            pbx.Playbacks.Find(h.Route("id")) is { } pb ? AriResults.Json(pb.Snapshot(), AriJsonContext.Default.Playback) : AriResults.PlaybackNotFound));
        ari.MapDelete("/playbacks/{id}", Handlers.Sync(pbx, (h, _) =>
        {
            if (pbx.Playbacks.Find(h.Route("id")) is not { } pb) return AriResults.PlaybackNotFound;
            pbx.Playbacks.Stop(pb);
            return AriResults.NoContent();
        }));
        ari.MapPost("/playbacks/{id}/control", Handlers.Sync(pbx, (h, r) =>
        {
            if (pbx.Playbacks.Find(h.Route("id")) is not { } pb) return AriResults.PlaybackNotFound;
            var operation = r["operation"];
            if (operation is not ("restart" or "pause" or "unpause" or "reverse" or "forward"))
                return AriResults.Error(400, "Invalid operation parameter");
            if (pb.State != "playing" && pb.State != "paused") return AriResults.Error(409, "Playback not in a state to be controlled");
            pbx.Playbacks.Control(pb, operation);
            return AriResults.NoContent();
        }));
    }
}
