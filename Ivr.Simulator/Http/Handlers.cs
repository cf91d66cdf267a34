using Ivr.Simulator.Core;

namespace Ivr.Simulator.Http;

/// <summary>Runs a REST handler under the simulator's lock with its parameters read first.</summary>
internal static class Handlers
{
    public static Delegate Sync(Pbx pbx, Func<HttpContext, AriRequest, IResult> handler) =>
        async (HttpContext http) =>
        {
            AriRequest r;
            try { r = await AriRequest.ReadAsync(http.Request); }
            catch (BadBodyException) { return AriResults.Error(400, "Request body is not valid JSON"); }
            lock (pbx.Gate) return handler(http, r);
        };

    /// <summary>For commands that answer only once the channel's command queue has run them (POST variable).</summary>
    public static Delegate Queued(Pbx pbx, Func<HttpContext, AriRequest, Task<IResult>> handler) =>
        async (HttpContext http) =>
        {
            AriRequest r;
            try { r = await AriRequest.ReadAsync(http.Request); }
            catch (BadBodyException) { return AriResults.Error(400, "Request body is not valid JSON"); }
            Task<IResult> pending;
            lock (pbx.Gate) pending = handler(http, r);
            return await pending;
        };

    public static string Route(this HttpContext http, string name) => (string)http.Request.RouteValues[name]!;
}
