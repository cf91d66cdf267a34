using Ivr.Ari.Models;
using Ivr.Simulator.Bridges;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Http;

/// <summary>/ari/bridges: mixing and holding bridges, members with roles, MOH and announcements (bridge-seat, holding-queue traces).</summary>
internal static class BridgesApi
{
    public static void Map(RouteGroupBuilder ari, Pbx pbx)
    {
        ari.MapGet("/bridges", Handlers.Sync(pbx, (_, _) =>
            AriResults.Json(pbx.Bridges.Values.Select(b => b.Snapshot()).ToList(), AriJsonContext.Default.ListOfBridge)));
        ari.MapPost("/bridges", Handlers.Sync(pbx, (_, r) => Create(pbx, r, r["bridgeId"])));
        ari.MapPost("/bridges/{id}", Handlers.Sync(pbx, (h, r) => Create(pbx, r, h.Route("id"))));
        ari.MapGet("/bridges/{id}", WithBridge(pbx, (b, _) => AriResults.Json(b.Snapshot(), AriJsonContext.Default.Bridge)));
        ari.MapDelete("/bridges/{id}", WithBridge(pbx, (b, _) =>
        {
            pbx.BridgeOps.Destroy(b);
            return AriResults.NoContent();
        }));
        ari.MapPost("/bridges/{id}/addChannel", WithBridge(pbx, (b, r) => Members(pbx, b, r, add: true)));
        ari.MapPost("/bridges/{id}/removeChannel", WithBridge(pbx, (b, r) => Members(pbx, b, r, add: false)));
        ari.MapPost("/bridges/{id}/moh", WithBridge(pbx, (b, r) =>
        {
            BridgeMedia.StartMoh(pbx, b, r["mohClass"] ?? "default");
            return AriResults.NoContent();
        }));
        ari.MapDelete("/bridges/{id}/moh", WithBridge(pbx, (b, _) =>
        {
            BridgeMedia.StopMoh(pbx, b);
            return AriResults.NoContent();
        }));
        ari.MapPost("/bridges/{id}/play", WithBridge(pbx, (b, r) => Play(pbx, b, r, r["playbackId"])));
        ari.MapPost("/bridges/{id}/play/{playbackId}", Handlers.Sync(pbx, (h, r) =>
            pbx.Bridges.GetValueOrDefault(h.Route("id")) is { } b ? Play(pbx, b, r, h.Route("playbackId")) : AriResults.BridgeNotFound));
    }

    static Delegate WithBridge(Pbx pbx, Func<SimBridge, AriRequest, IResult> handler) =>
        Handlers.Sync(pbx, (h, r) => pbx.Bridges.GetValueOrDefault(h.Route("id")) is { } b ? handler(b, r) : AriResults.BridgeNotFound);

    static IResult Create(Pbx pbx, AriRequest r, string? id)
    {
        var types = r.List("type");
        var type = types.Contains("holding") ? "holding" : "mixing";
        if (id is not null && pbx.Bridges.TryGetValue(id, out var existing)) return AriResults.Json(existing.Snapshot(), AriJsonContext.Default.Bridge);
        var bridge = pbx.BridgeOps.Create(id, type, r["name"] ?? "");
        return AriResults.Json(bridge.Snapshot(), AriJsonContext.Default.Bridge);
    }

    static IResult Members(Pbx pbx, SimBridge bridge, AriRequest r, bool add)
    {
        var ids = r.List("channel");
        if (ids.Count == 0) return AriResults.Error(400, "Missing parameter channel");
        var channels = ids.Select(pbx.FindChannel).ToList();
        if (channels.Any(c => c is null)) return AriResults.Error(400, "Channel not found");
        if (channels.Any(c => c!.StasisApp is null)) return AriResults.Error(422, "Channel not in Stasis application");
        foreach (var ch in channels)
        {
            if (add) pbx.BridgeOps.Add(bridge, ch!, r["role"] ?? "");
            else if (ch!.Bridge != bridge) return AriResults.Error(422, "Channel not in this bridge");
            else pbx.BridgeOps.Leave(ch, hangup: false);
        }
        return AriResults.NoContent();
    }

    static IResult Play(Pbx pbx, SimBridge bridge, AriRequest r, string? playbackId)
    {
        var media = r.List("media");
        if (media.Count == 0) return AriResults.Error(400, "media is required");
        if (playbackId is not null && pbx.Playbacks.Exists(playbackId)) return AriResults.Error(409, "Playback with given ID already exists");
        var pb = pbx.Playbacks.PlayOnBridge(bridge, playbackId, media, r["lang"]);
        return AriResults.Json(pb.Snapshot() with { State = "queued" }, AriJsonContext.Default.Playback, 201);
    }
}
