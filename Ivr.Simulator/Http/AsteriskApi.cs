using Ivr.Ari.Json;
using Ivr.Ari.Models;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Http;

/// <summary>/ari/asterisk, /ari/applications and /ari/sounds, shaped as in the basics trace.</summary>
internal static class AsteriskApi
{
    public static void Map(RouteGroupBuilder ari, Pbx pbx)
    {
        ari.MapGet("/asterisk/info", Handlers.Sync(pbx, (_, _) => AriResults.Json(new AsteriskInfo
        {
            Build = new BuildInfo { Os = "Linux", Kernel = Environment.OSVersion.Version.ToString(), Machine = "x86_64", Options = "OPTIONAL_API", Date = "2026-11-22 16:31:09 UTC", User = "root" },
            System = new SystemInfo { Version = "22.10.1", EntityId = pbx.AsteriskId },
            Config = new ConfigInfo { Name = "", DefaultLanguage = "en", Setid = new SetId { User = "", Group = "" } },
            Status = new StatusInfo { StartupTime = pbx.StartupTime, LastReloadTime = pbx.StartupTime },
        }, AriJsonContext.Default.AsteriskInfo)));
        ari.MapGet("/asterisk/ping", Handlers.Sync(pbx, (_, _) => AriResults.Json(new AsteriskPing
        {
            Ping = "pong",
            Timestamp = AriDateTimeOffsetConverter.Format(pbx.Clock.Now),
            AsteriskId = pbx.AsteriskId,
        }, AriJsonContext.Default.AsteriskPing)));

        ari.MapGet("/applications", Handlers.Sync(pbx, (_, _) =>
            AriResults.Json(pbx.Apps.Listed.Select(a => Describe(pbx, a)).ToList(), AriJsonContext.Default.ListOfApplication)));
        ari.MapGet("/applications/{name}", Handlers.Sync(pbx, (h, _) =>
            pbx.Apps.Find(h.Route("name")) is { } app && pbx.Apps.IsListed(app) ? AriResults.Json(Describe(pbx, app), AriJsonContext.Default.Application) : AriResults.Error(404, "Application not found")));
        ari.MapPost("/applications/{name}/subscription", Handlers.Sync(pbx, (h, r) => Subscribe(pbx, h.Route("name"), r, subscribe: true)));
        ari.MapDelete("/applications/{name}/subscription", Handlers.Sync(pbx, (h, r) => Subscribe(pbx, h.Route("name"), r, subscribe: false)));

        ari.MapGet("/sounds", Handlers.Sync(pbx, (_, _) =>
            AriResults.Json(pbx.Sounds.List().Select(Sound).ToList(), AriJsonContext.Default.ListOfSound)));
        ari.MapGet("/sounds/{*id}", Handlers.Sync(pbx, (h, _) =>
            pbx.Sounds.List().FirstOrDefault(s => s.Id == h.Route("id")) is { Id: not null } s
                ? AriResults.Json(Sound(s), AriJsonContext.Default.Sound)
                : AriResults.Error(404, "Sound not found")));
    }

    static Sound Sound((string Id, IReadOnlyList<string> Languages) s) => new()
    {
        Id = s.Id,
        Formats = s.Languages.Select(l => new FormatLangPair { Language = l, Format = "slin" }).ToList(),
    };

    static Application Describe(Pbx pbx, Apps.StasisApp app) => new()
    {
        Name = app.Name,
        ChannelIds = pbx.Channels.Values.Where(c => c.Subscribers.ContainsKey(app.Name)).Select(c => c.Id).ToList(),
        BridgeIds = app.BridgeIds.Where(pbx.Bridges.ContainsKey).ToList(),
        EndpointIds = [],
        DeviceNames = [],
        EventsAllowed = [],
        EventsDisallowed = [],
    };

    /// <summary><c>eventSource=channel:&lt;id&gt;,bridge:&lt;id&gt;</c>: what an app hears about beyond its own channels.</summary>
    static IResult Subscribe(Pbx pbx, string name, AriRequest r, bool subscribe)
    {
        if (pbx.Apps.Find(name) is not { } app) return AriResults.Error(404, "Application not found");
        var sources = r.List("eventSource");
        if (sources.Count == 0) return AriResults.Error(400, "Missing parameter eventSource");
        foreach (var source in sources)
        {
            var colon = source.IndexOf(':');
            var (kind, id) = colon < 0 ? (source, "") : (source[..colon], source[(colon + 1)..]);
            switch (kind)
            {
                case "channel" when pbx.FindChannel(id) is { } ch:
                    if (subscribe) ch.Subscribe(app.Name); else ch.Unsubscribe(app.Name);
                    break;
                case "bridge" when pbx.Bridges.ContainsKey(id):
                    if (subscribe) app.BridgeIds.Add(id); else app.BridgeIds.Remove(id);
                    break;
                case "channel" or "bridge" or "endpoint" or "deviceState":
                    return AriResults.Error(422, "Event source does not exist");
                default:
                    return AriResults.Error(400, "Invalid event source URI scheme");
            }
        }
        return AriResults.Json(Describe(pbx, app), AriJsonContext.Default.Application);
    }
}
