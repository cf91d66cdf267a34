namespace Ivr.Ari;

/// <summary>How to reach Asterisk's ARI and how patient to be with it. Checked once by <see cref="Validate"/>.</summary>
public sealed record AriClientOptions
{
    /// <summary>ARI's root, e.g. <c>http://127.0.0.1:8088/ari/</c> (a missing trailing slash is added).</summary>
    public Uri BaseUrl { get; init; } = new("http://127.0.0.1:8088/ari/");

    /// <summary>ARI user (ari.conf).</summary>
    public string User { get; init; } = "";

    /// <summary>ARI password (ari.conf).</summary>
    public string Password { get; init; } = "";

    /// <summary>The Stasis application whose events this client receives.</summary>
    public string Application { get; init; } = "";

    /// <summary>Subscribe the application to every channel, bridge and endpoint, not only those in it (<c>subscribeAll</c>).</summary>
    public bool SubscribeAll { get; init; }

    /// <summary>
    /// How long one REST request may take. Generous because Asterisk queues some channel commands behind a running
    /// playback: in the dtmf-burst trace a <c>POST variable</c> waited 5.7 s for a prompt to end.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait before reconnecting the event socket; doubles after each failed attempt.</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between reconnect attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Random share (0..1) taken off or added to each wait, so that many instances do not reconnect in step.</summary>
    public double ReconnectJitter { get; init; } = 0.2;

    /// <summary>Events waiting for one channel's (or bridge's) handler before further ones for it are dropped and counted.</summary>
    public int EventQueueCapacityPerKey { get; init; } = 1_000;

    /// <summary>Events waiting across all lanes before further ones are dropped and counted.</summary>
    public int EventQueueCapacityTotal { get; init; } = 100_000;

    /// <summary>Throws one error listing every option that is wrong, each with the fix.</summary>
    public AriClientOptions Validate()
    {
        var errors = new List<string>();
        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
            errors.Add($"BaseUrl '{BaseUrl}' must be an absolute http:// or https:// URL such as http://127.0.0.1:8088/ari/");
        if (string.IsNullOrEmpty(User)) errors.Add("User is empty: set the ARI user from ari.conf");
        if (string.IsNullOrEmpty(Password)) errors.Add("Password is empty: set the ARI user's password from ari.conf");
        if (string.IsNullOrWhiteSpace(Application) || Application.Contains(','))
            errors.Add($"Application '{Application}' must be one Stasis application name (no comma)");
        errors.AddRange(LimitErrors());
        Throw(errors);
        return BaseUrl.AbsoluteUri.EndsWith('/') ? this : this with { BaseUrl = new Uri(BaseUrl.AbsoluteUri + "/") };
    }

    /// <summary>Checks only what a client over a given transport uses: timeouts, backoff and queue sizes.</summary>
    public AriClientOptions ValidateLimits()
    {
        Throw([.. LimitErrors()]);
        return this;
    }

    IEnumerable<string> LimitErrors()
    {
        var errors = new List<string>();
        if (RequestTimeout <= TimeSpan.Zero) errors.Add($"RequestTimeout {RequestTimeout} must be positive");
        if (ReconnectInitialDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectInitialDelay)
            errors.Add($"ReconnectInitialDelay {ReconnectInitialDelay} must be positive and not above ReconnectMaxDelay {ReconnectMaxDelay}");
        if (ReconnectJitter is < 0 or > 1) errors.Add($"ReconnectJitter {ReconnectJitter} must be between 0 and 1");
        if (EventQueueCapacityPerKey < 1 || EventQueueCapacityTotal < EventQueueCapacityPerKey)
            errors.Add($"EventQueueCapacityPerKey {EventQueueCapacityPerKey} must be at least 1 and not above EventQueueCapacityTotal {EventQueueCapacityTotal}");
        return errors;
    }

    static void Throw(List<string> errors)
    {
        if (errors.Count > 0) throw new ArgumentException("Invalid AriClientOptions: " + string.Join("; ", errors));
    }
}
