using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Ivr.Ari.Errors;

namespace Ivr.Ari.Native;

/// <summary>ARI REST over HTTP with basic authentication; the handler is injectable for tests and custom TLS.</summary>
public sealed class HttpAriTransport : IAriTransport, IDisposable
{
    readonly HttpClient _http;

    public HttpAriTransport(AriClientOptions options, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = options.BaseUrl;
        // The client enforces AriClientOptions.RequestTimeout itself, so that a timeout is reported as such.
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")));
    }

    public async Task<AriResponse> SendAsync(AriRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Target, UriKind.Relative));
        if (request.JsonBody is { } body)
            message.Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new AriResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, bytes);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = e.InnerException is SocketException s ? s.SocketErrorCode.ToString() : e.HttpRequestError.ToString();
            throw new AriUnavailableException(null, $"Asterisk at {_http.BaseAddress} cannot be reached ({reason})", request.Method, request.Path, e);
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AriUnavailableException(null, $"the connection to Asterisk at {_http.BaseAddress} broke ({e.Message})", request.Method, request.Path, e);
        }
    }

    public void Dispose() => _http.Dispose();
}
