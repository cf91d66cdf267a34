using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ivr.Ari.Models;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Outbound;

/// <summary>
/// Answers <c>RESTRequest</c> messages that arrive on an outbound websocket by running them against the simulator's
/// own ARI (as the configured local_ari_user), and shapes the <c>RESTResponse</c> as the outbound-websocket trace shows.
/// </summary>
internal sealed class RestOverSocket(Pbx pbx, Func<Uri> ariUrl) : IDisposable
{
    readonly HttpClient http = CreateClient(pbx);

    static HttpClient CreateClient(Pbx pbx)
    {
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(pbx.Options.User + ":" + pbx.Options.Password)));
        return client;
    }

    public async Task<RESTResponse> AnswerAsync(ReadOnlyMemory<byte> frame, string application)
    {
        JsonElement message;
        try
        {
            using var doc = JsonDocument.Parse(frame);
            message = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Response("", "", 400, "Failed to parse request message JSON", "", null, application);
        }
        var requestId = Text(message, "request_id");
        var transactionId = Text(message, "transaction_id");
        var uri = Text(message, "uri");
        if (Text(message, "type") != "RESTRequest")
            return Response("", requestId, 400, "Bad request", "", """{"message":"Unknown request type."}""", application);
        var method = Text(message, "method");
        if (method is not ("GET" or "POST" or "PUT" or "DELETE"))
            return Response("", requestId, 400, "Bad request", uri, """{"message":"Unknown or missing 'method' property."}""", application);
        var path = uri.Split('?')[0];
        if (uri.StartsWith('/'))
            return Response(transactionId, requestId, 405, "Method Not Allowed", uri, """{"message":"Invalid method"}""", application);

        var target = new StringBuilder(uri);
        if (message.TryGetProperty("query_strings", out var qs) && qs.ValueKind == JsonValueKind.Array)
            foreach (var q in qs.EnumerateArray())
                target.Append(target.ToString().Contains('?') ? '&' : '?')
                    .Append(Uri.EscapeDataString(Text(q, "name"))).Append('=').Append(Uri.EscapeDataString(Text(q, "value")));
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(ariUrl(), target.ToString()));
        if (message.TryGetProperty("message_body", out var body) && body.ValueKind == JsonValueKind.String)
            request.Content = new StringContent(body.GetString()!, Encoding.UTF8, Text(message, "content_type") is { Length: > 0 } ct ? ct : "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return Response(transactionId, requestId, (int)response.StatusCode, response.ReasonPhrase ?? "", path,
            text.Length == 0 ? null : text, application, response.Content.Headers.ContentType?.MediaType);
    }

    RESTResponse Response(string transactionId, string requestId, int status, string reason, string uri, string? body, string application, string? contentType = "application/json") =>
        pbx.Events.Stamp(new RESTResponse
        {
            TransactionId = transactionId,
            RequestId = requestId,
            StatusCode = status,
            ReasonPhrase = reason,
            Uri = uri,
            ContentType = body is null ? null : contentType,
            MessageBody = body,
        }, application);

    static string Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    public void Dispose() => http.Dispose();
}
