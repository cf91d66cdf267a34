using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ivr.Simulator.Http;

/// <summary>Responses shaped as Asterisk's ARI writes them.</summary>
internal static class AriResults
{
    /// <summary>An error body: <c>{"message":"..."}</c>.</summary>
    public static IResult Error(int status, string message) => new JsonBody(status, w =>
    {
        w.WriteStartObject();
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    public static IResult Json<T>(T value, JsonTypeInfo<T> info, int status = 200) =>
        new JsonBody(status, w => JsonSerializer.Serialize(w, value, info));

    public static IResult Raw(int status, Action<Utf8JsonWriter> write) => new JsonBody(status, write);

    public static IResult NoContent() => Results.StatusCode(204);

    public static readonly IResult ChannelNotFound = Error(404, "Channel not found");
    public static readonly IResult BridgeNotFound = Error(404, "Bridge not found");
    public static readonly IResult PlaybackNotFound = Error(404, "Playback not found");
    public static readonly IResult ChannelNotInStasis = Error(409, "Channel not in Stasis application");

    sealed class JsonBody(int status, Action<Utf8JsonWriter> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "application/json";
            await http.Response.Body.WriteAsync(Core.AriJsonWriter.Write(write));
        }
    }
}
