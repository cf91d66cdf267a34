using Ivr.Ari.Models;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Http;

/// <summary>/ari/channels/{id}/play, moh, mute, hold, silence: commands that go through the channel's command queue.</summary>
internal static class ChannelMediaApi
{
    public static void Map(RouteGroupBuilder ari, Pbx pbx)
    {
        ari.MapPost("/channels/{id}/play", ChannelsApi.InStasis(pbx, (ch, r) => Play(pbx, ch, r, r["playbackId"])));
        ari.MapPost("/channels/{id}/play/{playbackId}", Handlers.Sync(pbx, (h, r) =>
        {
            if (pbx.FindChannel(h.Route("id")) is not { } ch) return AriResults.ChannelNotFound;
            if (ch.StasisApp is null) return AriResults.ChannelNotInStasis;
            return Play(pbx, ch, r, h.Route("playbackId"));
        }));
        ari.MapPost("/channels/{id}/moh", ChannelsApi.InStasis(pbx, (ch, r) =>
        {
            var mohClass = r["mohClass"] ?? "default";
            ch.Control.Enqueue(() =>
            {
                ch.MohClass = mohClass;
                pbx.Audio.Update(ch);
            });
            return AriResults.NoContent();
        }));
        ari.MapDelete("/channels/{id}/moh", ChannelsApi.InStasis(pbx, (ch, _) =>
        {
            ch.Control.Enqueue(() =>
            {
                ch.MohClass = null;
                pbx.Audio.Update(ch);
            });
            return AriResults.NoContent();
        }));
        foreach (var verb in new[] { "mute", "hold", "silence" })
        {
            ari.MapPost($"/channels/{{id}}/{verb}", ChannelsApi.InStasis(pbx, (_, _) => AriResults.NoContent()));
            ari.MapDelete($"/channels/{{id}}/{verb}", ChannelsApi.InStasis(pbx, (_, _) => AriResults.NoContent()));
        }
    }

    static IResult Play(Pbx pbx, Channels.SimChannel ch, AriRequest r, string? playbackId)
    {
        var media = r.List("media");
        if (media.Count == 0) return AriResults.Error(400, "media is required");
        if (playbackId is not null && pbx.Playbacks.Exists(playbackId)) return AriResults.Error(409, "Playback with given ID already exists");
        var pb = pbx.Playbacks.PlayOnChannel(ch, playbackId, media, r["lang"]);
        var queued = pb.Snapshot() with { State = "queued" };
        return AriResults.Json(queued, AriJsonContext.Default.Playback, 201);
    }
}
