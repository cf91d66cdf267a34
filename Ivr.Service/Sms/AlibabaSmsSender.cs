using System.Text;
using System.Text.Json;

namespace Ivr.Service.Sms;

/// <summary>Alibaba Cloud SMS account settings (Sms:Alibaba).</summary>
public sealed record AlibabaSmsOptions
{
    public Uri Endpoint { get; init; } = new("https://dysmsapi.aliyuncs.com/");
    public required string AccessKeyId { get; init; }
    public required string AccessKeySecret { get; init; }
    public required string SignName { get; init; }
    public string RegionId { get; init; } = "cn-hangzhou";
}

/// <summary>
/// Alibaba Cloud SMS (dysmsapi 2017-05-25) over RPC-signed form POSTs: SendSms with our OutId, SendBatchSms,
/// and QuerySendDetails to reconcile a send whose answer was lost. SendSms is not idempotent at the provider,
/// so an ambiguous send is only ever resolved by the lookup or the receipt.
/// </summary>
public sealed class AlibabaSmsSender(HttpClient http, AlibabaSmsOptions options, TimeProvider clock, Func<string>? nonce = null) : ISmsSender
{
    const string Version = "2017-05-25";
    static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    readonly Func<string> nonce = nonce ?? (() => Guid.NewGuid().ToString());

    // Template values are Chinese text: send them as UTF-8, not \u escapes (the signature encodes the bytes anyway).
    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Provider => "alibaba";

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct)
    {
        var (code, body, failure) = await CallAsync("SendSms", new()
        {
            ["PhoneNumbers"] = message.Phone,
            ["SignName"] = options.SignName,
            ["TemplateCode"] = message.TemplateCode,
            ["TemplateParam"] = JsonSerializer.Serialize(message.Parameters, Json),
            ["OutId"] = message.OutId,
        }, ct);
        return failure ?? Classify(code, body);
    }

    /// <summary>SendBatchSms: one template to up to 100 numbers with a parameter set each; one BizId for the batch.</summary>
    public async Task<SmsSendResult> SendBatchAsync(string templateCode, IReadOnlyList<(string Phone, IReadOnlyDictionary<string, string> Parameters)> messages, string outId, CancellationToken ct)
    {
        if (messages.Count is 0 or > 100)
            throw new ArgumentOutOfRangeException(nameof(messages), messages.Count, "SendBatchSms takes 1 to 100 numbers");
        var (code, body, failure) = await CallAsync("SendBatchSms", new()
        {
            ["PhoneNumberJson"] = JsonSerializer.Serialize(messages.Select(m => m.Phone), Json),
            ["SignNameJson"] = JsonSerializer.Serialize(messages.Select(_ => options.SignName), Json),
            ["TemplateCode"] = templateCode,
            ["TemplateParamJson"] = JsonSerializer.Serialize(messages.Select(m => m.Parameters), Json),
            ["OutId"] = outId,
        }, ct);
        return failure ?? Classify(code, body);
    }

    public async Task<SmsLookup> LookupAsync(SmsMessage message, DateTimeOffset sentAround, CancellationToken ct)
    {
        var day = TimeZoneInfo.ConvertTime(sentAround, China);
        var (code, body, failure) = await CallAsync("QuerySendDetails", new()
        {
            ["PhoneNumber"] = message.Phone,
            ["SendDate"] = day.ToString("yyyyMMdd"),
            ["PageSize"] = "50",
            ["CurrentPage"] = "1",
        }, ct);
        if (failure != null || code != "OK" || body is null) return new SmsLookup(SmsLookupOutcome.Unknown);
        if (body.Value.TryGetProperty("SmsSendDetailDTOs", out var dtos) && dtos.TryGetProperty("SmsSendDetailDTO", out var list))
            foreach (var item in list.EnumerateArray())
                if (item.TryGetProperty("OutId", out var o) && o.GetString() == message.OutId)
                    return new SmsLookup(SmsLookupOutcome.Sent, item.TryGetProperty("BizId", out var b) ? b.GetString() : null);
        return new SmsLookup(SmsLookupOutcome.NotSent);
    }

    /// <summary>The signed form body of an action (exposed for the byte-for-byte tests).</summary>
    public string SignedBody(string action, IReadOnlyDictionary<string, string> actionParameters)
    {
        var p = new Dictionary<string, string>(actionParameters)
        {
            ["Action"] = action,
            ["Version"] = Version,
            ["Format"] = "JSON",
            ["RegionId"] = options.RegionId,
            ["AccessKeyId"] = options.AccessKeyId,
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureVersion"] = "1.0",
            ["SignatureNonce"] = nonce(),
            ["Timestamp"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        };
        var query = AlibabaRpcSignature.CanonicalQuery(p);
        var signature = AlibabaRpcSignature.Sign(AlibabaRpcSignature.StringToSign("POST", query), options.AccessKeySecret);
        return query + "&Signature=" + AlibabaRpcSignature.Encode(signature);
    }

    async Task<(string? Code, JsonElement? Body, SmsSendResult? Failure)> CallAsync(string action, Dictionary<string, string> parameters, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint)
        {
            Content = new StringContent(SignedBody(action, parameters), Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        var (response, failure) = await SmsHttp.SendAsync(http, request, ct);
        if (failure != null) return (null, null, failure);
        using (response)
        {
            var text = await response!.Content.ReadAsStringAsync(ct);
            JsonElement? body = null;
            try
            {
                body = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
            }
            var code = body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("Code", out var c) ? c.GetString() : null;
            if (code == null)
                return (null, null, SmsHttp.ByStatus(response) ?? new SmsSendResult(
                    (int)response.StatusCode >= 500 ? SmsOutcome.Ambiguous : SmsOutcome.Rejected,
                    Code: ((int)response.StatusCode).ToString(), Detail: text.Length > 200 ? text[..200] : text));
            return (code, body, null);
        }
    }

    static SmsSendResult Classify(string? code, JsonElement? body)
    {
        var detail = body?.TryGetProperty("Message", out var m) == true ? m.GetString() : null;
        var bizId = body?.TryGetProperty("BizId", out var b) == true ? b.GetString() : null;
        return code switch
        {
            "OK" => new SmsSendResult(SmsOutcome.Accepted, bizId, code),
            "isv.BUSINESS_LIMIT_CONTROL" or "Throttling.User" or "Throttling.Api" or "Throttling" =>
                new SmsSendResult(SmsOutcome.Throttled, null, code, detail),
            "isp.SYSTEM_ERROR" or "isp.RAM_PERMISSION_DENY" or "isv.OUT_OF_SERVICE" or "isv.AMOUNT_NOT_ENOUGH" or "ServiceUnavailable" =>
                new SmsSendResult(SmsOutcome.Failed, null, code, detail),
            _ => new SmsSendResult(SmsOutcome.Rejected, null, code, detail),
        };
    }
}
