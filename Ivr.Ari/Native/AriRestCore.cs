using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ivr.Ari.Errors;

namespace Ivr.Ari.Native;

/// <summary>What every generated operation does: send through the transport under the timeout, type the errors, read the answer.</summary>
internal sealed class AriRestCore(IAriTransport transport, TimeSpan timeout)
{
    public async Task<T> SendAsync<T>(string method, string path, AriQuery query, byte[]? body, JsonTypeInfo<T> info, CancellationToken ct)
    {
        var response = await ExchangeAsync(method, path, query, body, ct).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(response.Body.Span, info)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException e)
        {
            throw new AriException(AriErrorKind.InvalidResponse, response.StatusCode,
                $"the answer is not a {typeof(T).Name}: {e.Message}", method, path, e);
        }
    }

    public Task SendAsync(string method, string path, AriQuery query, byte[]? body, CancellationToken ct) =>
        ExchangeAsync(method, path, query, body, ct);

    public async Task<byte[]> SendForBytesAsync(string method, string path, AriQuery query, byte[]? body, CancellationToken ct) =>
        (await ExchangeAsync(method, path, query, body, ct).ConfigureAwait(false)).Body.ToArray();

    async Task<AriResponse> ExchangeAsync(string method, string path, AriQuery query, byte[]? body, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        AriResponse response;
        try
        {
            response = await transport.SendAsync(new AriRequest(method, path, query.ToString(), body), deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new AriTimeoutException(timeout, method, path);
        }
        if (!response.IsSuccess)
            throw AriException.FromResponse(method, path, response.StatusCode, response.ContentType, response.Body.Span);
        return response;
    }
}
