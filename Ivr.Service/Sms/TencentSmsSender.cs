using System.Text;
using System.Text.Json;

namespace Ivr.Service.Sms;

/// <summary>Tencent Cloud SMS account settings (Sms:Tencent).</summary>
public sealed record TencentSmsOptions
{
    public Uri Endpoint { get; init; } = new("https://sms.tencentcloudapi.com/");
    public required string SecretId { get; init; }
    public required string SecretKey { get; init; }
    public required string SmsSdkAppId { get; init; }
    public required string SignName { get; init; }
    public string Region { get; init; } = "ap-guangzhou";
}

/// <summary>
/// Tencent Cloud SMS SendSms (2021-01-11) signed with TC3-HMAC-SHA256. Our OutId travels as SessionContext.
/// Template parameters are positional at Tencent ({1}, {2}…): they are sent in the ordinal order of their names.
/// Tencent offers no lookup by our id, so an ambiguous send waits for its receipt.
/// </summary>
public sealed class TencentSmsSender(HttpClient http, TencentSmsOptions options, TimeProvider clock) : ISmsSender
{
    const string ContentType = "application/json; charset=utf-8";

    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Provider => "tencent";

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct)
    {
        using var request = BuildRequest(message);
        var (response, failure) = await SmsHttp.SendAsync(http, request, ct);
        if (failure != null) return failure;
        using (response)
        {
            var text = await response!.Content.ReadAsStringAsync(ct);
            JsonElement root;
            try
            {
                root = JsonDocument.Parse(text).RootElement.GetProperty("Response").Clone();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return SmsHttp.ByStatus(response) ?? new SmsSendResult(
                    (int)response.StatusCode >= 500 ? SmsOutcome.Ambiguous : SmsOutcome.Rejected, Code: ((int)response.StatusCode).ToString());
            }
            if (root.TryGetProperty("Error", out var error))
                return Classify(error.GetProperty("Code").GetString() ?? "", null, error.GetProperty("Message").GetString());
            var status = root.GetProperty("SendStatusSet")[0];
            return Classify(status.GetProperty("Code").GetString() ?? "", status.GetProperty("SerialNo").GetString(),
                status.GetProperty("Message").GetString());
        }
    }

    public Task<SmsLookup> LookupAsync(SmsMessage message, DateTimeOffset sentAround, CancellationToken ct) =>
        Task.FromResult(new SmsLookup(SmsLookupOutcome.Unknown));

    /// <summary>The signed request for a message (exposed for the byte-for-byte tests).</summary>
    public HttpRequestMessage BuildRequest(SmsMessage message)
    {
        var payload = JsonSerializer.Serialize(new
        {
            PhoneNumberSet = new[] { message.Phone.StartsWith('+') ? message.Phone : "+86" + message.Phone },
            options.SmsSdkAppId,
            options.SignName,
            TemplateId = message.TemplateCode,
            TemplateParamSet = message.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray(),
            SessionContext = message.OutId,
        }, Json);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var host = options.Endpoint.Authority;
        var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint)
        {
            Content = new StringContent(payload, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(ContentType);
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("Authorization",
            TencentTc3Signature.Authorization(options.SecretId, options.SecretKey, "sms", host, ContentType, payload, timestamp));
        request.Headers.Add("X-TC-Action", "SendSms");
        request.Headers.Add("X-TC-Version", "2021-01-11");
        request.Headers.Add("X-TC-Timestamp", timestamp.ToString());
        request.Headers.Add("X-TC-Region", options.Region);
        return request;
    }

    static SmsSendResult Classify(string code, string? serialNo, string? detail) => code switch
    {
        "Ok" => new SmsSendResult(SmsOutcome.Accepted, serialNo, code),
        _ when code.StartsWith("LimitExceeded.", StringComparison.Ordinal) || code == "RequestLimitExceeded" =>
            new SmsSendResult(SmsOutcome.Throttled, null, code, detail),
        _ when code.StartsWith("InternalError", StringComparison.Ordinal) =>
            new SmsSendResult(SmsOutcome.Failed, null, code, detail),
        _ => new SmsSendResult(SmsOutcome.Rejected, null, code, detail),
    };
}
