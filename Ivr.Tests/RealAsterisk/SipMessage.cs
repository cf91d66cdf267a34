using System.Text;

namespace Ivr.Tests.RealAsterisk;

/// <summary>One SIP message as received over UDP: its first line and headers (compact forms expanded where Asterisk uses them).</summary>
public sealed class SipMessage
{
    static readonly Dictionary<string, string> Compact = new(StringComparer.OrdinalIgnoreCase)
    {
        ["v"] = "Via", ["f"] = "From", ["t"] = "To", ["i"] = "Call-ID", ["m"] = "Contact", ["l"] = "Content-Length", ["c"] = "Content-Type",
    };

    readonly List<(string Name, string Value)> _headers;

    SipMessage(string firstLine, List<(string, string)> headers, string body)
    {
        FirstLine = firstLine;
        _headers = headers;
        Body = body;
    }

    public string FirstLine { get; }

    public string Body { get; }

    /// <summary>The status code of a response; 0 for a request.</summary>
    public int Status => FirstLine.StartsWith("SIP/2.0 ", StringComparison.Ordinal) && int.TryParse(FirstLine.AsSpan(8, 3), out var s) ? s : 0;

    /// <summary>The method of a request, or of the request a response answers (from CSeq).</summary>
    public string Method => Status == 0 ? FirstLine.Split(' ')[0] : Header("CSeq")?.Split(' ').Last() ?? "";

    public string? Header(string name) => _headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public IEnumerable<string> Headers(string name) => _headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public static SipMessage Parse(byte[] datagram)
    {
        var text = Encoding.UTF8.GetString(datagram);
        var parts = text.Split("\r\n\r\n", 2);
        var head = parts[0].Split("\r\n");
        var headers = new List<(string, string)>();
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new FormatException($"SIP header line without a name: '{line}' in {head[0]}");
            var name = line[..colon].Trim();
            headers.Add((Compact.GetValueOrDefault(name, name), line[(colon + 1)..].Trim()));
        }
        return new SipMessage(head[0], headers, parts.Length > 1 ? parts[1] : "");
    }

    /// <summary>The 200 OK to this request, echoing what RFC 3261 §8.2.6 says a response copies.</summary>
    public string Ok() =>
        string.Concat(Headers("Via").Select(v => $"Via: {v}\r\n").Prepend("SIP/2.0 200 OK\r\n"))
        + $"From: {Header("From")}\r\nTo: {Header("To")}\r\nCall-ID: {Header("Call-ID")}\r\nCSeq: {Header("CSeq")}\r\nContent-Length: 0\r\n\r\n";
}
