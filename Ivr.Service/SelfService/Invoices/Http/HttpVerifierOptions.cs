namespace Ivr.Service.SelfService.Invoices.Http;

/// <summary>Configuration section <c>Invoices:Http</c>: where the upstream verification service is and how long a caller may wait for it.</summary>
public sealed class HttpVerifierOptions
{
    /// <summary>The endpoint that takes the POST of docs/invoice-verification.md, e.g. https://verify.example/api/v1/invoices/verify.</summary>
    public Uri? Url { get; set; }

    /// <summary>HTTP Basic credentials; none are sent when <see cref="User"/> is empty.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>One attempt's limit; a caller is listening to silence meanwhile.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Further attempts after a transport failure, a timeout or a 5xx/408/429 answer.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>Delay before the first retry, doubling (with jitter) before each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The whole check, retries included, never takes longer than this.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Share of failed attempts within <see cref="BreakerSamplingDuration"/> that opens the breaker.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within the sampling window before the ratio counts.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker answers <c>error</c> at once before letting one trial request through.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The options, or an error naming the setting that is missing or out of range.</summary>
    public HttpVerifierOptions Validated()
    {
        if (Url is not { IsAbsoluteUri: true } url || url.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"Invoices:Verifier is 'http' but Invoices:Http:Url is '{Url}': set the absolute http(s) URL of the verification service");
        if (!string.IsNullOrEmpty(User) && string.IsNullOrEmpty(Password))
            throw new InvalidOperationException("Invoices:Http:User is set without Invoices:Http:Password");
        if (Timeout <= TimeSpan.Zero || TotalTimeout < Timeout)
            throw new InvalidOperationException($"Invoices:Http:Timeout ({Timeout}) must be positive and at most Invoices:Http:TotalTimeout ({TotalTimeout})");
        if (Retries is < 0 or > 10) throw new InvalidOperationException($"Invoices:Http:Retries must be 0 to 10, got {Retries}");
        if (BreakerFailureRatio is <= 0 or > 1) throw new InvalidOperationException($"Invoices:Http:BreakerFailureRatio must be in (0, 1], got {BreakerFailureRatio}");
        if (BreakerMinimumThroughput < 2) throw new InvalidOperationException($"Invoices:Http:BreakerMinimumThroughput must be at least 2, got {BreakerMinimumThroughput}");
        if (BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || BreakerBreakDuration < TimeSpan.FromMilliseconds(500))
            throw new InvalidOperationException("Invoices:Http:BreakerSamplingDuration and BreakerBreakDuration must be at least 00:00:00.5");
        return this;
    }
}
