using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ivr.Tests.Campaigns.StandIns;

/// <summary>
/// Alibaba Cloud SMS (dysmsapi) on loopback. It re-derives every request byte for byte with its own encoder
/// (Uri.EscapeDataString is the RFC 3986 set Alibaba uses) and refuses anything else as SignatureDoesNotMatch, the
/// way the real API does; it keeps each message by OutId and answers QuerySendDetails from them.
/// </summary>
public sealed class AlibabaSmsStandIn : IAsyncDisposable
{
    public const string AccessKeyId = "testId";
    public const string AccessKeySecret = "testSecret";

    WebApplication app = null!;
    int throttleNext;
    long bizIds;

    public Uri Url { get; private set; } = null!;

    /// <summary>Messages taken, by OutId (a second message with the same OutId is recorded in <see cref="Duplicates"/>).</summary>
    public ConcurrentDictionary<string, (string Phone, string Template, string Params, string BizId)> Sent { get; } = new();

    public ConcurrentQueue<string> Duplicates { get; } = new();
    public ConcurrentQueue<string> Bodies { get; } = new();
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <summary>Per phone number: the Code to answer instead of sending (e.g. isv.MOBILE_NUMBER_ILLEGAL).</summary>
    public ConcurrentDictionary<string, string> FailPhone { get; } = new();

    /// <summary>Random pause before and after taking a message, so a killed client can die at any point.</summary>
    public int MaxDelayMs { get; set; }

    /// <summary>A fixed pause before taking a message, to outlast a client's timeout.</summary>
    public int DelayMs { get; set; }

    /// <summary>The next <paramref name="count"/> sends are answered isv.BUSINESS_LIMIT_CONTROL.</summary>
    public void ThrottleNext(int count) => Interlocked.Exchange(ref throttleNext, count);

    public static async Task<AlibabaSmsStandIn> StartAsync()
    {
        var s = new AlibabaSmsStandIn();
        (s.app, s.Url) = await LoopbackServer.StartAsync(a => a.MapPost("/", s.HandleAsync));
        return s;
    }

    async Task<IResult> HandleAsync(HttpRequest request)
    {
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        Bodies.Enqueue(body);
        var pairs = body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));
        var expected = Canonical(pairs);
        if (body != expected || request.ContentType?.StartsWith("application/x-www-form-urlencoded") != true)
        {
            Refused.Enqueue(body);
            return LoopbackServer.ProviderJson(new { Code = "SignatureDoesNotMatch", Message = "Specified signature is not matched with our calculation." }, 400);
        }
        return pairs["Action"] switch
        {
            "SendSms" => await SendAsync(pairs),
            "SendBatchSms" => Batch(pairs),
            "QuerySendDetails" => Query(pairs),
            var a => LoopbackServer.ProviderJson(new { Code = "InvalidAction.NotFound", Message = a }, 404),
        };
    }

    async Task<IResult> SendAsync(Dictionary<string, string> p)
    {
        if (MaxDelayMs > 0) await Task.Delay(Random.Shared.Next(MaxDelayMs));
        if (DelayMs > 0) await Task.Delay(DelayMs);
        if (Interlocked.Decrement(ref throttleNext) >= 0)
            return LoopbackServer.ProviderJson(new { Code = "isv.BUSINESS_LIMIT_CONTROL", Message = "触发分钟级流控Permits:1", RequestId = Guid.NewGuid() });
        if (FailPhone.TryGetValue(p["PhoneNumbers"], out var code))
            return LoopbackServer.ProviderJson(new { Code = code, Message = "forced by the test", RequestId = Guid.NewGuid() });
        var bizId = $"{Interlocked.Increment(ref bizIds)}^0";
        if (!Sent.TryAdd(p["OutId"], (p["PhoneNumbers"], p["TemplateCode"], p["TemplateParam"], bizId))) Duplicates.Enqueue(p["OutId"]);
        if (MaxDelayMs > 0) await Task.Delay(Random.Shared.Next(MaxDelayMs));
        return LoopbackServer.ProviderJson(new { Code = "OK", Message = "OK", BizId = bizId, RequestId = Guid.NewGuid() });
    }

    IResult Batch(Dictionary<string, string> p)
    {
        var phones = JsonSerializer.Deserialize<string[]>(p["PhoneNumberJson"])!;
        var bizId = $"{Interlocked.Increment(ref bizIds)}^0";
        for (var i = 0; i < phones.Length; i++) Sent.TryAdd($"{p["OutId"]}#{i}", (phones[i], p["TemplateCode"], p["TemplateParamJson"], bizId));
        return LoopbackServer.ProviderJson(new { Code = "OK", Message = "OK", BizId = bizId, RequestId = Guid.NewGuid() });
    }

    IResult Query(Dictionary<string, string> p)
    {
        var items = Sent.Where(s => s.Value.Phone == p["PhoneNumber"])
            .Select(s => new { PhoneNum = s.Value.Phone, SendStatus = 3, ErrCode = "DELIVERED", TemplateCode = s.Value.Template, OutId = s.Key })
            .ToArray();
        return LoopbackServer.ProviderJson(new { Code = "OK", Message = "OK", TotalCount = items.Length, SmsSendDetailDTOs = new { SmsSendDetailDTO = items } });
    }

    static string Canonical(Dictionary<string, string> pairs)
    {
        var query = string.Join("&", pairs.Where(p => p.Key != "Signature").OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var toSign = "POST&%2F&" + Uri.EscapeDataString(query);
        var signature = Convert.ToBase64String(new HMACSHA1(Encoding.UTF8.GetBytes(AccessKeySecret + "&")).ComputeHash(Encoding.UTF8.GetBytes(toSign)));
        return query + "&Signature=" + Uri.EscapeDataString(signature);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
