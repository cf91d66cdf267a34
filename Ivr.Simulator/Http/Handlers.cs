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
            IResult result;
            lock (pbx.Gate) result = handler(http, r);
            pbx.Taken(http);
            return result;
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
            pbx.Taken(http);
            return await pending;
        };

    public static string Route(this HttpContext http, string name) => (string)http.Request.RouteValues[name]!;
}
