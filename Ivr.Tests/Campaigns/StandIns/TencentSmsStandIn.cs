using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ivr.Tests.Campaigns.StandIns;

/// <summary>
/// Tencent Cloud SMS SendSms on loopback: recomputes the TC3-HMAC-SHA256 Authorization header from the raw body and
/// headers with its own code and answers AuthFailure.SignatureFailure on any difference, as the real API does.
/// </summary>
public sealed class TencentSmsStandIn : IAsyncDisposable
{
    public const string SecretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    public const string SecretKey = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

    WebApplication app = null!;

    public Uri Url { get; private set; } = null!;
    public ConcurrentQueue<(string SessionContext, string Phone, string SerialNo)> Sent { get; } = new();
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <summary>Error code to answer for the next send instead of sending (e.g. LimitExceeded.PhoneNumberOneHourLimit).</summary>
    public string? NextError { get; set; }

    public static async Task<TencentSmsStandIn> StartAsync()
    {
        var s = new TencentSmsStandIn();
        (s.app, s.Url) = await LoopbackServer.StartAsync(a => a.MapPost("/", s.HandleAsync));
        return s;
    }

    async Task<IResult> HandleAsync(HttpRequest request)
    {
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        var timestamp = long.Parse(request.Headers["X-TC-Timestamp"].ToString());
        var expected = ExpectedAuthorization(request.ContentType ?? "", request.Host.Value ?? "", body, timestamp);
        if (request.Headers.Authorization.ToString() != expected || request.Headers["X-TC-Action"] != "SendSms" || request.Headers["X-TC-Version"] != "2021-01-11")
        {
            Refused.Enqueue(request.Headers.Authorization.ToString());
            return LoopbackServer.ProviderJson(new { Response = new { Error = new { Code = "AuthFailure.SignatureFailure", Message = "签名错误" }, RequestId = Guid.NewGuid() } });
        }
        if (NextError is { } code)
        {
            NextError = null;
            return LoopbackServer.ProviderJson(new { Response = new { Error = new { Code = code, Message = "forced by the test" }, RequestId = Guid.NewGuid() } });
        }
        using var doc = JsonDocument.Parse(body);
        var phone = doc.RootElement.GetProperty("PhoneNumberSet")[0].GetString()!;
        var serial = Guid.NewGuid().ToString("N");
        Sent.Enqueue((doc.RootElement.GetProperty("SessionContext").GetString()!, phone, serial));
        return LoopbackServer.ProviderJson(new
        {
            Response = new
            {
                SendStatusSet = new[] { new { SerialNo = serial, PhoneNumber = phone, Fee = 1, SessionContext = "", Code = "Ok", Message = "send success", IsoCode = "CN" } },
                RequestId = Guid.NewGuid(),
            },
        });
    }

    static string ExpectedAuthorization(string contentType, string host, string body, long timestamp)
    {
        static string Hex(byte[] b) => Convert.ToHexString(b).ToLowerInvariant();
        static byte[] Mac(byte[] key, string s) => new HMACSHA256(key).ComputeHash(Encoding.UTF8.GetBytes(s));
        var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).ToString("yyyy-MM-dd");
        var canonical = string.Join("\n", "POST", "/", "", $"content-type:{contentType}", $"host:{host}", "", "content-type;host",
            Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        var scope = $"{date}/sms/tc3_request";
        var toSign = string.Join("\n", "TC3-HMAC-SHA256", timestamp, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var key = new[] { date, "sms", "tc3_request" }.Aggregate(Encoding.UTF8.GetBytes("TC3" + SecretKey), Mac);
        return $"TC3-HMAC-SHA256 Credential={SecretId}/{scope}, SignedHeaders=content-type;host, Signature={Hex(Mac(key, toSign))}";
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
