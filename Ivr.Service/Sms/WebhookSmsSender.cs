using System.Net;
using System.Net.Http.Json;

namespace Ivr.Service.Sms;

/// <summary>
/// Sends through any HTTP gateway: POST {outId, phone, template, parameters} as JSON with an Idempotency-Key
/// header; GET {url}/{outId} answers 200 if that message was taken, 404 if not. 429 means slow down.
/// </summary>
public sealed class WebhookSmsSender(HttpClient http, Uri url) : ISmsSender
{
    public string Provider => "webhook";

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new { outId = message.OutId, phone = message.Phone, template = message.TemplateCode, parameters = message.Parameters }),
        };
        request.Headers.Add("Idempotency-Key", message.OutId);
        var (response, failure) = await SmsHttp.SendAsync(http, request, ct);
        if (failure != null) return failure;
        using (response)
        {
            var status = (int)response!.StatusCode;
            return SmsHttp.ByStatus(response) ?? (status switch
            {
                >= 200 and < 300 => new SmsSendResult(SmsOutcome.Accepted, message.OutId, status.ToString()),
                >= 500 => new SmsSendResult(SmsOutcome.Ambiguous, Code: status.ToString()),
                _ => new SmsSendResult(SmsOutcome.Rejected, Code: status.ToString(), Detail: await response.Content.ReadAsStringAsync(ct)),
            });
        }
    }

    public async Task<SmsLookup> LookupAsync(SmsMessage message, DateTimeOffset sentAround, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(url, url.AbsolutePath.TrimEnd('/') + "/" + Uri.EscapeDataString(message.OutId)), ct);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => new SmsLookup(SmsLookupOutcome.Sent, message.OutId),
                HttpStatusCode.NotFound => new SmsLookup(SmsLookupOutcome.NotSent),
                _ => new SmsLookup(SmsLookupOutcome.Unknown),
            };
        }
        catch (HttpRequestException)
        {
            return new SmsLookup(SmsLookupOutcome.Unknown);
        }
    }
}
