using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ivr.Ari.Errors;

/// <summary>An ARI request that did not succeed: the status, ARI's own message, and the request it answers.</summary>
public class AriException : Exception
{
    public AriException(AriErrorKind kind, int? statusCode, string ariMessage, string method, string path, Exception? inner = null)
        : base($"ARI {method} /{path} failed: {(statusCode is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " : "")}{ariMessage}", inner)
    {
        Kind = kind;
        StatusCode = statusCode;
        AriMessage = ariMessage;
        Method = method;
        Path = path;
    }

    /// <summary>What kind of failure this is.</summary>
    public AriErrorKind Kind { get; }

    /// <summary>The HTTP status Asterisk answered with, or null when there was no answer.</summary>
    public int? StatusCode { get; }

    /// <summary>ARI's <c>message</c> (e.g. "Channel not found"), the text of an HTML error page, or what failed on the way.</summary>
    public string AriMessage { get; }

    /// <summary>The HTTP method of the failed request.</summary>
    public string Method { get; }

    /// <summary>The path of the failed request relative to <c>/ari/</c>, without its query string.</summary>
    public string Path { get; }

    /// <summary>The object is gone: for a channel this is the normal outcome of a caller hanging up.</summary>
    public bool IsNotFound => Kind == AriErrorKind.NotFound;

    /// <summary>The object is in a state that does not allow the operation.</summary>
    public bool IsConflict => Kind == AriErrorKind.Conflict;

    /// <summary>Asterisk is unreachable, stopping or starting: the same request may work later.</summary>
    public bool IsTransient => Kind is AriErrorKind.Unavailable or AriErrorKind.Timeout;

    /// <summary>The typed exception for a non-success answer.</summary>
    public static AriException FromResponse(string method, string path, int status, string? contentType, ReadOnlySpan<byte> body)
    {
        var message = ReadMessage(contentType, body, status);
        return status switch
        {
            404 => new AriNotFoundException(message, method, path),
            409 => new AriConflictException(message, method, path),
            400 or 422 => new AriBadRequestException(status, message, method, path),
            503 => new AriUnavailableException(status, message, method, path),
            401 => new AriException(AriErrorKind.Unauthorized, status, message, method, path),
            403 => new AriException(AriErrorKind.Forbidden, status, message, method, path),
            405 => new AriException(AriErrorKind.MethodNotAllowed, status, message, method, path),
            _ => new AriException(AriErrorKind.Failed, status, message, method, path),
        };
    }

    /// <summary>ARI's <c>{"message": ...}</c>; for an HTML page (Asterisk's 503 while stopping) its first paragraph or title.</summary>
    static string ReadMessage(string? contentType, ReadOnlySpan<byte> body, int status)
    {
        if (body.IsEmpty) return ReasonPhrase(status);
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != false && body[0] == (byte)'{')
        {
            try
            {
                var reader = new Utf8JsonReader(body);
                using var doc = JsonDocument.ParseValue(ref reader);
                if (doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) return m.GetString()!;
                if (doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String) return e.GetString()!;
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to the text forms below.
            }
        }
        var text = Encoding.UTF8.GetString(body);
        if (contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true || text.TrimStart().StartsWith('<'))
        {
            var m = Regex.Match(text, "<p>(.*?)</p>", RegexOptions.Singleline | RegexOptions.IgnoreCase);
            if (!m.Success) m = Regex.Match(text, "<title>(.*?)</title>", RegexOptions.Singleline | RegexOptions.IgnoreCase);
            if (m.Success) return WebUtility.HtmlDecode(m.Groups[1].Value).Trim();
        }
        text = text.Trim();
        return text.Length > 200 ? text[..200] + "…" : text.Length == 0 ? ReasonPhrase(status) : text;
    }

    static string ReasonPhrase(int status) => ((HttpStatusCode)status).ToString();
}

/// <summary>404: the object does not exist; for a channel, usually because the caller hung up.</summary>
public sealed class AriNotFoundException(string ariMessage, string method, string path)
    : AriException(AriErrorKind.NotFound, 404, ariMessage, method, path);

/// <summary>409: the object is in the wrong state for the operation.</summary>
public sealed class AriConflictException(string ariMessage, string method, string path)
    : AriException(AriErrorKind.Conflict, 409, ariMessage, method, path);

/// <summary>400 or 422: a parameter is missing or invalid.</summary>
public sealed class AriBadRequestException(int status, string ariMessage, string method, string path)
    : AriException(AriErrorKind.BadRequest, status, ariMessage, method, path);

/// <summary>Asterisk is not there right now (503 while stopping or booting, connection refused or reset, socket closed): retry later.</summary>
public class AriUnavailableException(int? status, string ariMessage, string method, string path, Exception? inner = null)
    : AriException(AriErrorKind.Unavailable, status, ariMessage, method, path, inner);

/// <summary>No answer within the request timeout. The operation may still have happened.</summary>
public sealed class AriTimeoutException(TimeSpan timeout, string method, string path)
    : AriException(AriErrorKind.Timeout, null, $"no answer within {timeout.TotalSeconds:0.###} s (AriClientOptions.RequestTimeout)", method, path)
{
    /// <summary>The timeout that expired.</summary>
    public TimeSpan Timeout { get; } = timeout;
}
