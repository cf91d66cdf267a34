using System.Net;
using System.Net.Http.Headers;

namespace Ivr.Service.Speech.Azure;

/// <summary>
/// Sends requests to Azure AI Speech: authenticates with the key or a cached bearer token (refreshed before it
/// expires, and once more if the service says it is no longer valid), retries 429 and 5xx with exponential
/// backoff and jitter honouring Retry-After, and turns 401/403 into a clear "key rejected" error.
/// </summary>
public sealed class AzureSpeechConnection(HttpClient http, AzureSpeechOptions options, TimeProvider time)
{
    readonly SemaphoreSlim tokenLock = new(1, 1);
    string? token;
    DateTimeOffset tokenExpires;

    public AzureSpeechOptions Options => options;

    /// <summary>Sends the request <paramref name="create"/> builds (again for each attempt); returns the successful response.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string what, CancellationToken cancellationToken)
    {
        var refreshedToken = false;
        for (var attempt = 1; ; attempt++)
        {
            using var request = create();
            if (options.UseToken)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
            else
                request.Headers.Add("Ocp-Apim-Subscription-Key", options.Key);
            var response = await SendOnceAsync(request, what, cancellationToken);
            if (response.IsSuccessStatusCode) return response;
            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is 401 or 403 && options.UseToken && !refreshedToken)
                {
                    refreshedToken = true;
                    InvalidateToken();
                    attempt--;
                    continue;
                }
                if (status is 401 or 403) throw KeyRejected(status, request.RequestUri!);
                var body = await BodyOf(response, cancellationToken);
                if ((status == 429 || status >= 500) && attempt < options.MaxAttempts)
                {
                    await Task.Delay(DelayBefore(attempt + 1, response), time, cancellationToken);
                    continue;
                }
                throw new AzureSpeechException(
                    $"Azure Speech {what} failed with HTTP {status} {response.ReasonPhrase}{(attempt > 1 ? $" after {attempt} attempts" : "")}: {body}", status);
            }
        }
    }

    /// <summary>The bearer token, fetched from issueToken when missing or older than <see cref="AzureSpeechOptions.TokenLifetime"/>.</summary>
    public async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (token is { } t && time.GetUtcNow() < tokenExpires) return t;
        await tokenLock.WaitAsync(cancellationToken);
        try
        {
            if (token is { } again && time.GetUtcNow() < tokenExpires) return again;
            for (var attempt = 1; ; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenUri) { Content = new ByteArrayContent([]) };
                request.Headers.Add("Ocp-Apim-Subscription-Key", options.Key);
                using var response = await SendOnceAsync(request, "token request", cancellationToken);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    token = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
                    tokenExpires = time.GetUtcNow() + options.TokenLifetime;
                    return token;
                }
                if (status is 401 or 403) throw KeyRejected(status, options.TokenUri);
                if ((status == 429 || status >= 500) && attempt < options.MaxAttempts)
                {
                    await Task.Delay(DelayBefore(attempt + 1, response), time, cancellationToken);
                    continue;
                }
                throw new AzureSpeechException(
                    $"Azure Speech token request to {options.TokenUri.Host} failed with HTTP {status}: {await BodyOf(response, cancellationToken)}", status);
            }
        }
        finally
        {
            tokenLock.Release();
        }
    }

    void InvalidateToken() => token = null;

    async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        request.Headers.UserAgent.ParseAdd(options.UserAgent);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            return await http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AzureSpeechException($"Azure Speech {what} to {request.RequestUri!.Host} timed out after {options.RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            throw new AzureSpeechException($"Azure Speech {what} could not reach {request.RequestUri!.Host}: {e.Message}");
        }
    }

    AzureSpeechException KeyRejected(int status, Uri uri) => new(
        $"Azure Speech key rejected for region {options.Where} (HTTP {status} from {uri.Host}): check Speech:Azure:Key / IVR_AZURE_SPEECH_KEY "
        + "and that the key belongs to that region's Speech resource", status, keyRejected: true);

    /// <summary>Retry-After when the service gives one (capped), else exponential backoff with jitter so parallel renders do not retry in step.</summary>
    TimeSpan DelayBefore(int attempt, HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        var asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : (TimeSpan?)null);
        if (asked is { } a) return a < TimeSpan.Zero ? TimeSpan.Zero : a > options.MaxDelay ? options.MaxDelay : a;
        var exponential = options.BaseDelay * Math.Pow(2, attempt - 2);
        var capped = exponential > options.MaxDelay ? options.MaxDelay : exponential;
        return capped * (0.5 + Random.Shared.NextDouble() / 2);
    }

    static async Task<string> BodyOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        return body.Length == 0 ? "(empty body)" : body.Length > 300 ? body[..300] + "…" : body;
    }
}
