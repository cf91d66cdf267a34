using Ivr.Ari.Models;
using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Http;

/// <summary>/ari/channels/{id}/variable with the answers of the variables trace; a set waits in the channel's command queue.</summary>
internal static class ChannelVariablesApi
{
    public static void Map(RouteGroupBuilder ari, Pbx pbx)
    {
        ari.MapGet("/channels/{id}/variable", Handlers.Sync(pbx, (h, r) =>
        {
            if (pbx.FindChannel(h.Route("id")) is not { } ch) return AriResults.Error(404, "Provided channel was not found");
            if (r["variable"] is not { Length: > 0 } name) return AriResults.Error(400, "Variable name is required");
            return pbx.Variables.Read(ch, name, out var value) switch
            {
                ChannelVariables.ReadResult.Found => AriResults.Json(new Variable { Value = value }, AriJsonContext.Default.Variable),
                ChannelVariables.ReadResult.UnknownFunction => AriResults.Error(500, "Unable to read provided function"),
                _ => AriResults.Error(404, "Provided variable was not found"),
            };
        }));
        ari.MapPost("/channels/{id}/variable", Handlers.Queued(pbx, (h, r) =>
        {
            if (pbx.FindChannel(h.Route("id")) is not { } ch) return Task.FromResult(AriResults.Error(404, "Provided channel was not found"));
            if (r["variable"] is not { Length: > 0 } name) return Task.FromResult(AriResults.Error(400, "Variable name is required"));
            var value = r["value"] ?? "";
            var done = new TaskCompletionSource<IResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            ch.Control.Enqueue(
                () =>
                {
                    pbx.Variables.Write(ch, name, value);
                    done.TrySetResult(AriResults.NoContent());
                },
                () => done.TrySetResult(AriResults.Error(404, "Provided channel was not found")));
            return done.Task;
        }));
    }
}
