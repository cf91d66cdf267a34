using Ivr.Ari.Models;
using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Http;

/// <summary>POST /channels (originate), /channels/create and /channels/{id}/dial, with the outcomes of the originate-failures and dial-create traces.</summary>
internal static class Originate
{
    public static IResult Run(Pbx pbx, AriRequest r, string? channelId)
    {
        if (r["endpoint"] is { } ep && ep.StartsWith("PJSIP/", StringComparison.OrdinalIgnoreCase)) return ToSeat(pbx, r, channelId, ep[6..]);
        if (Prepare(pbx, r, channelId, out var request, out var error) is null) return error!;
        var app = r["app"];
        if (app is null && r["extension"] is null) return AriResults.Error(400, "Application or extension must be specified");
        var timeout = TimeSpan.FromSeconds(r.Int("timeout") ?? 30);
        var local = request with
        {
            App = app,
            AppArgs = r.List("appArgs"),
            Then = app is null ? (r["context"] ?? "default", r["extension"]!, r.Int("priority") ?? 1) : null,
            Timeout = timeout,
        };
        var (one, two) = pbx.Locals.Create(local);
        var snapshot = one.Snapshot();
        pbx.Locals.DialSoon(one, two, timeout);
        return AriResults.Json(snapshot, AriJsonContext.Default.Channel);
    }

    /// <summary>Originate to a virtual seat's PJSIP endpoint: it rings, then answers into the app, or is busy (cause 17).</summary>
    static IResult ToSeat(Pbx pbx, AriRequest r, string? channelId, string resource)
    {
        if (r["app"] is not { Length: > 0 } app) return AriResults.Error(400, "Application must be specified for PJSIP endpoints in the simulator");
        var (name, number) = ParseCallerId(r["callerId"]);
        if (pbx.SeatChannels.Create(resource.Split('@')[0], channelId, name, number) is not { } ch) return AllocationFailed();
        ch.Subscribe(app);
        var snapshot = ch.Snapshot();
        var args = r.List("appArgs");
        var dialstring = resource;
        pbx.ChannelEvents.Dial(ch, "", dialstring);
        ch.AnswerTimeout = pbx.Clock.After(TimeSpan.FromSeconds(r.Int("timeout") ?? 30), () => pbx.Run(() =>
        {
            if (!ch.Gone && ch.State != "Up") pbx.Hangups.Request(ch, HangupCauses.NoAnswer, soft: false, HangupCauses.NoAnswer);
        }));
        pbx.SeatChannels.Call(ch,
            (status, cause) =>
            {
                pbx.ChannelEvents.Dial(ch, status, dialstring);
                pbx.Hangups.Finish(ch, cause);
            },
            () =>
            {
                ch.AnswerTimeout?.Dispose();
                pbx.ChannelEvents.Dial(ch, "ANSWER", dialstring);
                pbx.ChannelEvents.StasisStart(ch, app, args);
            });
        return AriResults.Json(snapshot, AriJsonContext.Default.Channel);
    }

    /// <summary>/channels/create: the <c>;1</c> leg enters the app at once (state Down); <c>;2</c> waits for the dial.</summary>
    public static IResult Create(Pbx pbx, AriRequest r)
    {
        if (r["app"] is not { Length: > 0 } app) return AriResults.Error(400, "Application is required");
        if (Prepare(pbx, r, r["channelId"], out var request, out var error) is null) return error!;
        var (one, _) = pbx.Locals.Create(request);
        one.IsCreated = true;
        one.Subscribe(app); // create subscribes the app to its channel for good, beyond Stasis (dial-create trace)
        var args = r.List("appArgs");
        pbx.ChannelEvents.DialplanApp(one, "Stasis", args.Count == 0 ? app : app + "," + string.Join(',', args));
        pbx.ChannelEvents.StasisStart(one, app, args);
        return AriResults.Json(one.Snapshot(), AriJsonContext.Default.Channel);
    }

    /// <summary>/channels/{id}/dial on a created channel; 409 once it is no longer Down.</summary>
    public static IResult DialCreated(Pbx pbx, string id, AriRequest r)
    {
        if (pbx.FindChannel(id) is not { } one) return AriResults.ChannelNotFound;
        if (one.StasisApp is null) return AriResults.ChannelNotInStasis;
        if (one.State != "Down" || one.Peer is not { } two || one.Dialed) return AriResults.Error(409, "Channel is not in the 'Down' state");
        one.Dialed = true;
        if (r["caller"] is { } callerId && pbx.FindChannel(callerId) is { } caller)
        {
            // A Local channel passes the connected line through: the far half calls as the caller.
            one.ConnectedName = two.CallerName = caller.CallerName;
            one.ConnectedNumber = two.CallerNumber = caller.CallerNumber;
            pbx.ChannelEvents.ConnectedLine(one);
        }
        var timeout = r.Int("timeout") is { } t and > 0 ? TimeSpan.FromSeconds(t) : (TimeSpan?)null;
        pbx.Locals.Dial(one, two, timeout);
        return AriResults.NoContent();
    }

    /// <summary>Validates the endpoint and ids and builds the Local request; null plus an error response when Asterisk refuses.</summary>
    static LocalChannels.Request? Prepare(Pbx pbx, AriRequest r, string? channelId, out LocalChannels.Request request, out IResult? error)
    {
        request = null!;
        error = null;
        var endpoint = r["endpoint"];
        if (endpoint is null) { error = AriResults.Error(400, "Endpoint must be specified"); return null; }
        var slash = endpoint.IndexOf('/');
        if (slash <= 0) { error = AriResults.Error(400, "Invalid endpoint specified"); return null; }
        var tech = endpoint[..slash];
        var resource = endpoint[(slash + 1)..];
        if (!tech.Equals("Local", StringComparison.OrdinalIgnoreCase))
        {
            error = AllocationFailed();
            return null;
        }
        var at = resource.IndexOf('@');
        var exten = at < 0 ? resource : resource[..at];
        var context = at < 0 ? "default" : resource[(at + 1)..];
        var options = context.IndexOf('/');
        if (options >= 0) context = context[..options];
        foreach (var id in new[] { channelId, r["otherChannelId"] })
            if (id is not null && pbx.FindChannel(id) is not null)
            {
                error = AriResults.Error(409, "Channel with given unique ID already exists");
                return null;
            }
        var (name, number) = ParseCallerId(r["callerId"]);
        request = new LocalChannels.Request(exten, context)
        {
            Id = channelId,
            OtherId = r["otherChannelId"],
            CallerName = name,
            CallerNumber = number,
            Variables = r.Variables(),
        };
        return request;
    }

    /// <summary>Asterisk's answer when no channel driver takes the technology: note the <c>error</c> key, not <c>message</c>.</summary>
    static IResult AllocationFailed() => AriResults.Raw(500, w =>
    {
        w.WriteStartObject();
        w.WriteString("error", "Allocation failed");
        w.WriteEndObject();
    });

    /// <summary><c>IVR Test &lt;5551234&gt;</c> → ("IVR Test", "5551234"); a bare number has no name.</summary>
    public static (string Name, string Number) ParseCallerId(string? callerId)
    {
        if (string.IsNullOrWhiteSpace(callerId)) return ("", "");
        var lt = callerId.IndexOf('<');
        var gt = callerId.LastIndexOf('>');
        if (lt >= 0 && gt > lt) return (callerId[..lt].Trim().Trim('"'), callerId[(lt + 1)..gt].Trim());
        return ("", callerId.Trim());
    }
}
