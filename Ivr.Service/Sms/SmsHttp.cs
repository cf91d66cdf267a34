using System.Net;

namespace Ivr.Service.Sms;

/// <summary>Turns transport failures into outcomes: only a failure before the request left is a safe "not sent".</summary>
static class SmsHttp
{
    public static async Task<(HttpResponseMessage? Response, SmsSendResult? Failure)> SendAsync(
        HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return (await http.SendAsync(request, ct), null);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            return (null, new SmsSendResult(SmsOutcome.Failed, Code: "connect", Detail: e.Message));
        }
        catch (HttpRequestException e)
        {
            return (null, new SmsSendResult(SmsOutcome.Ambiguous, Code: "transport", Detail: e.Message));
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            return (null, new SmsSendResult(SmsOutcome.Ambiguous, Code: "timeout", Detail: e.Message));
        }
    }

    /// <summary>HTTP-level answers that decide the outcome whatever the body says.</summary>
    public static SmsSendResult? ByStatus(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.TooManyRequests => new SmsSendResult(SmsOutcome.Throttled, Code: "429"),
        HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => new SmsSendResult(SmsOutcome.Ambiguous, Code: ((int)response.StatusCode).ToString()),
        _ => null,
    };

    /// <summary>Masks a phone number for logs: 138****5678.</summary>
    public static string Mask(string phone) =>
        phone.Length <= 7 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
}
