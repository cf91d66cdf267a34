using System.Security.Cryptography;
using System.Text;

namespace Ivr.Service.Sms;

/// <summary>
/// Tencent Cloud API 3.0 TC3-HMAC-SHA256 over a POST with a JSON body, signing the content-type and host headers.
/// </summary>
public static class TencentTc3Signature
{
    public const string Algorithm = "TC3-HMAC-SHA256";

    public static string CanonicalRequest(string contentType, string host, string payload) =>
        $"POST\n/\n\ncontent-type:{contentType}\nhost:{host}\n\ncontent-type;host\n{Sha256Hex(payload)}";

    public static string CredentialScope(long timestamp, string service) =>
        $"{DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime:yyyy-MM-dd}/{service}/tc3_request";

    public static string StringToSign(long timestamp, string service, string canonicalRequest) =>
        $"{Algorithm}\n{timestamp}\n{CredentialScope(timestamp, service)}\n{Sha256Hex(canonicalRequest)}";

    public static string Signature(string secretKey, long timestamp, string service, string stringToSign)
    {
        var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd");
        var key = Hmac(Encoding.UTF8.GetBytes("TC3" + secretKey), date);
        key = Hmac(key, service);
        key = Hmac(key, "tc3_request");
        return Convert.ToHexStringLower(Hmac(key, stringToSign));
    }

    /// <summary>The Authorization header value for a request.</summary>
    public static string Authorization(string secretId, string secretKey, string service, string host, string contentType, string payload, long timestamp)
    {
        var toSign = StringToSign(timestamp, service, CanonicalRequest(contentType, host, payload));
        return $"{Algorithm} Credential={secretId}/{CredentialScope(timestamp, service)}, SignedHeaders=content-type;host, " +
               $"Signature={Signature(secretKey, timestamp, service, toSign)}";
    }

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    static byte[] Hmac(byte[] key, string message) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));
}
