using System.Net;
using Ivr.Service.Sms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Ivr.Tests.Campaigns.StandIns;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Tests.Campaigns;

public sealed class SmsSenderTests : IAsyncLifetime
{
    AlibabaSmsStandIn alibaba = null!;
    TencentSmsStandIn tencent = null!;
    readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-03-10T02:00:00Z"));
    readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task InitializeAsync()
    {
        alibaba = await AlibabaSmsStandIn.StartAsync();
        tencent = await TencentSmsStandIn.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await alibaba.DisposeAsync();
        await tencent.DisposeAsync();
        http.Dispose();
    }

    AlibabaSmsSender Alibaba(string secret = AlibabaSmsStandIn.AccessKeySecret) => new(http, new AlibabaSmsOptions
    {
        Endpoint = alibaba.Url, AccessKeyId = AlibabaSmsStandIn.AccessKeyId, AccessKeySecret = secret, SignName = "12366纳税服务",
    }, clock, () => "nonce-1");

    TencentSmsSender Tencent() => new(http, new TencentSmsOptions
    {
        Endpoint = tencent.Url, SecretId = TencentSmsStandIn.SecretId, SecretKey = TencentSmsStandIn.SecretKey, SmsSdkAppId = "1400006666", SignName = "12366纳税服务",
    }, clock);

    static SmsMessage Message(string outId = "c1a1", string phone = "13800000001") =>
        new(outId, phone, "SMS_123", new Dictionary<string, string> { ["deadline"] = "3月16日", ["tax"] = "增值税" });

    [Fact]
    public async Task Alibaba_SendSms_is_the_exact_signed_form_and_is_accepted_with_our_OutId()
    {
        var result = await Alibaba().SendAsync(Message(), default);

        Assert.Equal(SmsOutcome.Accepted, result.Outcome);
        Assert.Equal("c1a1", Assert.Single(alibaba.Sent).Key);
        var body = Assert.Single(alibaba.Bodies);
        Assert.StartsWith("AccessKeyId=testId&Action=SendSms&Format=JSON&OutId=c1a1&PhoneNumbers=13800000001&RegionId=cn-hangzhou" +
            "&SignName=12366%E7%BA%B3%E7%A8%8E%E6%9C%8D%E5%8A%A1&SignatureMethod=HMAC-SHA1&SignatureNonce=nonce-1&SignatureVersion=1.0" +
            "&TemplateCode=SMS_123&TemplateParam=%7B%22deadline%22%3A%223%E6%9C%8816%E6%97%A5%22%2C%22tax%22%3A%22%E5%A2%9E%E5%80%BC%E7%A8%8E%22%7D" +
            "&Timestamp=2026-03-10T02%3A00%3A00Z&Version=2017-05-25&Signature=", body);
        Assert.Empty(alibaba.Refused);
    }

    [Fact]
    public async Task Alibaba_with_a_wrong_secret_is_refused_as_a_permanent_rejection()
    {
        var result = await Alibaba("wrong").SendAsync(Message(), default);
        Assert.Equal((SmsOutcome.Rejected, "SignatureDoesNotMatch"), (result.Outcome, result.Code));
        Assert.Single(alibaba.Refused);
    }

    [Fact]
    public async Task Alibaba_business_limit_control_means_slow_down_not_failure()
    {
        alibaba.ThrottleNext(1);
        Assert.Equal(SmsOutcome.Throttled, (await Alibaba().SendAsync(Message(), default)).Outcome);
        Assert.Equal(SmsOutcome.Accepted, (await Alibaba().SendAsync(Message(), default)).Outcome);
    }

    [Fact]
    public async Task Alibaba_lookup_finds_a_message_by_OutId_and_reports_one_never_sent()
    {
        await Alibaba().SendAsync(Message("c7a1"), default);
        Assert.Equal(SmsLookupOutcome.Sent, (await Alibaba().LookupAsync(Message("c7a1"), clock.GetUtcNow(), default)).Outcome);
        Assert.Equal(SmsLookupOutcome.NotSent, (await Alibaba().LookupAsync(Message("c7a2"), clock.GetUtcNow(), default)).Outcome);
    }

    [Fact]
    public async Task Alibaba_SendBatchSms_sends_each_number_its_own_parameters()
    {
        var result = await Alibaba().SendBatchAsync("SMS_123",
            [("13800000001", new Dictionary<string, string> { ["tax"] = "增值税" }), ("13800000002", new Dictionary<string, string> { ["tax"] = "个税" })],
            "batch-1", default);
        Assert.Equal(SmsOutcome.Accepted, result.Outcome);
        Assert.Equal(["13800000001", "13800000002"], alibaba.Sent.Values.Select(v => v.Phone).Order());
    }

    [Fact]
    public async Task Tencent_SendSms_is_signed_with_TC3_and_carries_our_OutId_as_session_context()
    {
        var result = await Tencent().SendAsync(Message("c9a1"), default);
        Assert.Equal(SmsOutcome.Accepted, result.Outcome);
        var sent = Assert.Single(tencent.Sent);
        Assert.Equal(("c9a1", "+8613800000001", sent.SerialNo), sent);
        Assert.Equal(sent.SerialNo, result.ProviderMessageId);
        Assert.Empty(tencent.Refused);
    }

    [Theory]
    [InlineData("LimitExceeded.PhoneNumberThirtySecondLimit", SmsOutcome.Throttled)]
    [InlineData("RequestLimitExceeded", SmsOutcome.Throttled)]
    [InlineData("InternalError.Timeout", SmsOutcome.Failed)]
    [InlineData("InvalidParameterValue.IncorrectPhoneNumber", SmsOutcome.Rejected)]
    public async Task Tencent_error_codes_map_to_outcomes(string code, SmsOutcome outcome)
    {
        tencent.NextError = code;
        Assert.Equal(outcome, (await Tencent().SendAsync(Message(), default)).Outcome);
    }

    [Fact]
    public async Task A_provider_that_cannot_be_reached_is_a_safe_failure_and_a_timeout_is_ambiguous()
    {
        using var refused = new HttpClient();
        var dead = new WebhookSmsSender(refused, new Uri("http://127.0.0.1:1/sms"));
        Assert.Equal(SmsOutcome.Failed, (await dead.SendAsync(Message(), default)).Outcome);

        var (slow, slowUrl) = await LoopbackServer.StartAsync(a => a.MapPost("/sms", async () => { await Task.Delay(2000); return "ok"; }));
        await using var _ = slow;
        var url = new Uri(slowUrl, "sms");
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        Assert.Equal(SmsOutcome.Ambiguous, (await new WebhookSmsSender(impatient, url).SendAsync(Message(), default)).Outcome);
    }

    [Fact]
    public async Task Webhook_sender_sends_an_idempotency_key_and_maps_429_to_throttled()
    {
        var keys = new List<string>();
        var status = HttpStatusCode.Accepted;
        var (app, url) = await LoopbackServer.StartAsync(a =>
        {
            a.MapPost("/sms", (HttpRequest r) => { keys.Add(r.Headers["Idempotency-Key"].ToString()); return Results.StatusCode((int)status); });
            a.MapGet("/sms/{id}", (string id) => keys.Contains(id) ? Results.Ok() : Results.NotFound());
        });
        await using var server = app;
        var sender = new WebhookSmsSender(http, new Uri(url, "sms"));
        Assert.Equal(SmsOutcome.Accepted, (await sender.SendAsync(Message("w1"), default)).Outcome);
        status = HttpStatusCode.TooManyRequests;
        Assert.Equal(SmsOutcome.Throttled, (await sender.SendAsync(Message("w2"), default)).Outcome);
        Assert.Equal(["w1", "w2"], keys);
        Assert.Equal(SmsLookupOutcome.Sent, (await sender.LookupAsync(Message("w1"), default, default)).Outcome);
        Assert.Equal(SmsLookupOutcome.NotSent, (await sender.LookupAsync(Message("w9"), default, default)).Outcome);
    }
}
