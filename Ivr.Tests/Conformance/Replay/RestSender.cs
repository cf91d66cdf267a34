using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Ivr.Tests.Conformance.Comparison;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>Sends a REST request to the simulator with raw HttpClient and reads the answer the way the trace recorded it.</summary>
public sealed class RestSender(string user, string password) : IDisposable
{
    readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    readonly AuthenticationHeaderValue auth = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async Task<RestResult> SendAsync(Uri server, string method, string path, JsonNode? body, bool authorize, string? tag = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(server, path));
        if (tag is not null) request.Headers.Add("X-Request-Tag", tag);
        if (authorize) request.Headers.Authorization = auth;
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        try
        {
            using var response = await http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var type = bytes.Length == 0 ? null : response.Content.Headers.ContentType?.ToString();
            var media = response.Content.Headers.ContentType?.MediaType ?? "";
            JsonNode? json = null;
            byte[]? binary = null;
            if (bytes.Length > 0 && media.Contains("json", StringComparison.Ordinal))
            {
                try { json = JsonNode.Parse(bytes); }
                catch (System.Text.Json.JsonException) { json = JsonValue.Create("(invalid JSON) " + Encoding.UTF8.GetString(bytes)); }
            }
            else if (bytes.Length > 0 && media.StartsWith("text/", StringComparison.Ordinal)) json = JsonValue.Create(Encoding.UTF8.GetString(bytes));
            else if (bytes.Length > 0) binary = bytes;
            return new RestResult((int)response.StatusCode, type, json, binary, null);
        }
        catch (HttpRequestException e)
        {
            return new RestResult(null, null, null, null, Failure.Name(e));
        }
        catch (TaskCanceledException)
        {
            return new RestResult(null, null, null, null, "timeout");
        }
    }

    public void Dispose() => http.Dispose();
}
