using System.Text.Json;
using Ivr.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ivr.Tests.Campaigns.StandIns;

/// <summary>Provider stand-ins reached over real sockets: a loopback app whose URL ends in '/', and providers' JSON.</summary>
public static class LoopbackServer
{
    public static async Task<(WebApplication App, Uri Url)> StartAsync(Action<WebApplication> map)
    {
        var (app, address) = await LoopbackApp.StartAsync(map);
        return (app, new Uri(address, "/"));
    }

    /// <summary>A provider's JSON answer: PascalCase names as sent (the web defaults would camel-case them), Chinese unescaped.</summary>
    public static IResult ProviderJson(object body, int status = 200) => Results.Json(body, AsIs, statusCode: status);

    static readonly JsonSerializerOptions AsIs = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
