namespace Ivr.Ari.Native;

/// <summary>
/// Carries one ARI REST request and brings back the answer. Over HTTP for inbound sockets (<see cref="HttpAriTransport"/>),
/// or as RESTRequest/RESTResponse messages over an outbound WebSocket that Asterisk opened to us
/// (<see cref="OutboundAriConnection"/>), so that the same typed resource classes work on both.
/// </summary>
public interface IAriTransport
{
    /// <summary>
    /// Sends <paramref name="request"/>; returns whatever status Asterisk answered. Throws
    /// <see cref="Errors.AriUnavailableException"/> when no answer can come (connection refused or reset, socket closed).
    /// </summary>
    Task<AriResponse> SendAsync(AriRequest request, CancellationToken cancellationToken);
}

/// <summary>One ARI REST request: <paramref name="Path"/> is relative to <c>/ari/</c> with escaped segments, <paramref name="Query"/> already escaped.</summary>
public sealed record AriRequest(string Method, string Path, string Query, byte[]? JsonBody)
{
    /// <summary>Path and query as sent: <c>channels/1.2/dtmf?dtmf=1%23</c>.</summary>
    public string Target => Query.Length == 0 ? Path : Path + "?" + Query;
}

/// <summary>Asterisk's answer: status, content type and the raw body.</summary>
public sealed record AriResponse(int StatusCode, string? ContentType, ReadOnlyMemory<byte> Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
