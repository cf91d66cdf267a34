using Ivr.Ari.Models;
using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Http;

/// <summary>/ari/channels: listing, originate/create/dial, answer/ring, continue, hangup.</summary>
internal static class ChannelsApi
{
    public static void Map(RouteGroupBuilder ari, Pbx pbx)
    {
        ari.MapGet("/channels", Handlers.Sync(pbx, (_, _) =>
            AriResults.Json(pbx.Channels.Values.Select(c => c.Snapshot()).ToList(), AriJsonContext.Default.ListOfChannel)));
        ari.MapPost("/channels", Handlers.Sync(pbx, (_, r) => Originate.Run(pbx, r, r["channelId"])));
        ari.MapPost("/channels/create", Handlers.Sync(pbx, (_, r) => Originate.Create(pbx, r)));
        ari.MapGet("/channels/{id}", Handlers.Sync(pbx, (h, _) =>
            pbx.FindChannel(h.Route("id")) is { } ch ? AriResults.Json(ch.Snapshot(), AriJsonContext.Default.Channel) : AriResults.ChannelNotFound));
        ari.MapPost("/channels/{id}", Handlers.Sync(pbx, (h, r) => Originate.Run(pbx, r, h.Route("id"))));
        ari.MapDelete("/channels/{id}", Handlers.Sync(pbx, (h, r) => Hangup(pbx, h.Route("id"), r)));
        ari.MapPost("/channels/{id}/dial", Handlers.Sync(pbx, (h, r) => Originate.DialCreated(pbx, h.Route("id"), r)));
        ari.MapPost("/channels/{id}/answer", InStasis(pbx, (ch, _) => { pbx.Answer(ch); return AriResults.NoContent(); }));
        ari.MapPost("/channels/{id}/ring", InStasis(pbx, (ch, _) => { Ring(pbx, ch); return AriResults.NoContent(); }));
        ari.MapDelete("/channels/{id}/ring", InStasis(pbx, (_, _) => AriResults.NoContent()));
        ari.MapPost("/channels/{id}/continue", InStasis(pbx, (ch, r) =>
        {
            pbx.Stasis.Continue(ch, r["context"], r["extension"], r.Int("priority"));
            return AriResults.NoContent();
        }));
        ari.MapPost("/channels/{id}/dtmf", InStasis(pbx, (ch, r) =>
        {
            if (r["dtmf"] is not { Length: > 0 } digits) return AriResults.Error(400, "DTMF is required");
            pbx.Dtmf.Send(ch, digits, r.Int("between") ?? DtmfSender.DefaultBetween, r.Int("duration") ?? DtmfSender.DefaultDuration);
            return AriResults.NoContent();
        }));
        ChannelMediaApi.Map(ari, pbx);
        ChannelVariablesApi.Map(ari, pbx);
    }

    /// <summary>Handlers that need the channel to exist (404) and to be in a Stasis app (409), as Asterisk's control commands do.</summary>
    public static Delegate InStasis(Pbx pbx, Func<SimChannel, AriRequest, IResult> handler) =>
        Handlers.Sync(pbx, (h, r) =>
        {
            if (pbx.FindChannel(h.Route("id")) is not { } ch) return AriResults.ChannelNotFound;
            if (ch.StasisApp is null) return AriResults.ChannelNotInStasis;
            return handler(ch, r);
        });

    static IResult Hangup(Pbx pbx, string id, AriRequest r)
    {
        if (pbx.FindChannel(id) is not { } ch) return AriResults.ChannelNotFound;
        var cause = HangupCauses.NormalClearing;
        if (r["reason_code"] is { } code)
        {
            if (!int.TryParse(code, out cause)) return AriResults.Error(400, "Invalid reason_code");
        }
        else if (r["reason"] is { } reason)
        {
            if (HangupCauses.FromReason(reason) is not { } c) return AriResults.Error(400, "Invalid reason for hangup provided");
            cause = c;
        }
        pbx.Hangups.Request(ch, HangupCauses.SoftHangupExplicit, soft: true, cause);
        return AriResults.NoContent();
    }

    /// <summary>Ringing on a <c>;2</c> that is not answered: its <c>;1</c> shows Ringing (dial-create trace); on an answered channel nothing happens.</summary>
    static void Ring(Pbx pbx, SimChannel ch)
    {
        if (ch.State == "Up") return;
        pbx.Locals.Ringing(ch);
    }
}
