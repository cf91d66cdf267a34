namespace Ivr.Ari.Errors;

/// <summary>What went wrong with an ARI request, so callers can branch without reading status codes.</summary>
public enum AriErrorKind
{
    /// <summary>400 or 422: a parameter was missing or wrong.</summary>
    BadRequest,
    /// <summary>401: no or wrong credentials.</summary>
    Unauthorized,
    /// <summary>403.</summary>
    Forbidden,
    /// <summary>404: the channel, bridge, playback or recording does not exist (often: the caller hung up).</summary>
    NotFound,
    /// <summary>405: the path exists but not for this method (also what a malformed outbound-socket uri gets).</summary>
    MethodNotAllowed,
    /// <summary>409: the object is in the wrong state (e.g. dialing a channel that is not Down, a recording name in use).</summary>
    Conflict,
    /// <summary>Any other 4xx/5xx answer.</summary>
    Failed,
    /// <summary>Asterisk cannot answer now: 503 (stopping, not booted yet), connection refused or reset, socket closed. Retry later.</summary>
    Unavailable,
    /// <summary>No answer within the request timeout; the operation may or may not have taken effect.</summary>
    Timeout,
    /// <summary>The answer could not be read as the type the ARI description promises.</summary>
    InvalidResponse,
}
