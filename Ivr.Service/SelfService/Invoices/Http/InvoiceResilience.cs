using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Ivr.Service.SelfService.Invoices.Http;

/// <summary>
/// The upstream client: Basic credentials, and a pipeline (outermost first) of a total timeout, retries, a circuit
/// breaker and a per-attempt timeout. Retries are safe because a check changes nothing upstream; they cover only
/// transport failures, attempt timeouts and 5xx/408/429 answers, never a refusal (4xx). Attempts that fail count
/// towards the breaker, which then answers at once until its break is over.
/// </summary>
public static class InvoiceResilience
{
    public static IServiceCollection AddInvoiceHttpClient(this IServiceCollection services, HttpVerifierOptions options)
    {
        services.AddHttpClient(HttpInvoiceVerifier.ClientName, http =>
            {
                // The pipeline's total timeout decides; the client's own must not cut it short.
                http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
                if (!string.IsNullOrEmpty(options.User))
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")));
            })
            .AddResilienceHandler(HttpInvoiceVerifier.ClientName, pipeline =>
            {
                pipeline.AddTimeout(options.TotalTimeout);
                if (options.Retries > 0)
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.Retries,
                        Delay = options.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = options.BreakerFailureRatio,
                    MinimumThroughput = options.BreakerMinimumThroughput,
                    SamplingDuration = options.BreakerSamplingDuration,
                    BreakDuration = options.BreakerBreakDuration,
                });
                pipeline.AddTimeout(options.Timeout);
            });
        return services;
    }
}
