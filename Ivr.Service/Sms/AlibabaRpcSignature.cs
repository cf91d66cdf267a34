using System.Security.Cryptography;
using System.Text;

namespace Ivr.Service.Sms;

/// <summary>
/// Alibaba Cloud RPC signature v1.0: parameters sorted by name, percent-encoded (RFC 3986 unreserved kept,
/// space as %20), joined, then <c>METHOD&amp;%2F&amp;encode(query)</c> signed with HMAC-SHA1 under <c>secret&amp;</c>.
/// </summary>
public static class AlibabaRpcSignature
{
    /// <summary>The canonicalized query string (sorted, encoded, joined) of <paramref name="parameters"/>.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Encode(p.Key) + "=" + Encode(p.Value)));

    public static string StringToSign(string method, string canonicalQuery) => method + "&%2F&" + Encode(canonicalQuery);

    public static string Sign(string stringToSign, string accessKeySecret) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Percent-encoding of the signature: UTF-8 bytes, only A–Z a–z 0–9 - _ . ~ kept.</summary>
    public static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
                sb.Append((char)b);
            else
                sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }
}
