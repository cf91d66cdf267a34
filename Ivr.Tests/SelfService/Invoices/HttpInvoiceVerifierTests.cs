using System.Diagnostics;
using System.Text;
using Ivr.Service.SelfService.Invoices;
using Ivr.Service.SelfService.Invoices.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Tests.SelfService.Invoices;

/// <summary>The upstream contract of docs/invoice-verification.md against a real HTTP server on loopback.</summary>
public sealed class HttpInvoiceVerifierTests : IAsyncLifetime
{
    static readonly InvoiceQuery Special = new("4403241130", "00012345", new DateOnly(2024, 3, 15), CheckKind.AmountBeforeTax, "1234.50");
    VerificationStandIn _upstream = null!;
    ServiceProvider? _services;

    public async Task InitializeAsync() => _upstream = await VerificationStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    HttpInvoiceVerifier Verifier(Action<HttpVerifierOptions>? change = null)
    {
        var options = new HttpVerifierOptions
        {
            Url = _upstream.Url, User = "ivr", Password = "s3cret", Timeout = TimeSpan.FromMilliseconds(500),
            TotalTimeout = TimeSpan.FromSeconds(5), Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(10),
        };
        change?.Invoke(options);
        _services = new ServiceCollection().AddLogging().AddInvoiceHttpClient(options.Validated()).BuildServiceProvider();
        return new HttpInvoiceVerifier(_services.GetRequiredService<IHttpClientFactory>(), options, NullLogger<HttpInvoiceVerifier>.Instance);
    }

    [Theory]
    [InlineData("mismatch", InvoiceOutcome.Mismatch)]
    [InlineData("not_found", InvoiceOutcome.NotFound)]
    [InlineData("voided", InvoiceOutcome.Voided)]
    [InlineData("red_reversed", InvoiceOutcome.RedReversed)]
    [InlineData("limit_exceeded", InvoiceOutcome.LimitExceeded)]
    [InlineData("issued_today", InvoiceOutcome.IssuedToday)]
    [InlineData("too_old", InvoiceOutcome.TooOld)]
    [InlineData("invalid", InvoiceOutcome.Error)]
    [InlineData("maybe", InvoiceOutcome.Error)]
    public async Task Each_upstream_result_becomes_the_same_result_and_anything_else_an_error(string result, InvoiceOutcome expected)
    {
        _upstream.Answer = VerificationStandIn.Json(new { result });
        var verification = await Verifier().VerifyAsync(Special, CancellationToken.None);
        Assert.Equal(expected, verification.Outcome);
        Assert.Null(verification.Details);
    }

    [Fact]
    public async Task A_match_carries_the_invoice_and_the_request_follows_the_contract_with_basic_credentials()
    {
        _upstream.Answer = VerificationStandIn.Json(new { result = "match", invoice = new { seller = "深圳市华南电子科技有限公司", date = "2024-03-15", total = 1394.99m } });
        var verification = await Verifier().VerifyAsync(Special, CancellationToken.None);
        Assert.Equal(InvoiceVerification.Matched(new InvoiceDetails("深圳市华南电子科技有限公司", new DateOnly(2024, 3, 15), 1394.99m)), verification);

        var (body, authorization) = Assert.Single(_upstream.Requests);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ivr:s3cret")), authorization);
        Assert.Equal("""{"code":"4403241130","number":"00012345","date":"2024-03-15","checkKind":"amount-before-tax","check":"1234.50"}""", body.GetRawText());
    }

    [Fact]
    public async Task A_match_without_the_invoice_details_is_an_error_rather_than_a_silent_answer()
    {
        _upstream.Answer = VerificationStandIn.Json(new { result = "match", invoice = new { seller = "某公司" } });
        Assert.Equal(InvoiceOutcome.Error, (await Verifier().VerifyAsync(Special, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_5xx_answer_is_retried_and_the_retry_answers()
    {
        _upstream.Answer = (ctx, attempt) => attempt == 1 ? VerificationStandIn.Status(503)(ctx, attempt) : VerificationStandIn.Json(new { result = "voided" })(ctx, attempt);
        Assert.Equal(InvoiceOutcome.Voided, (await Verifier().VerifyAsync(Special, CancellationToken.None)).Outcome);
        Assert.Equal(2, _upstream.Requests.Count);
    }

    [Fact]
    public async Task A_refusal_is_not_retried()
    {
        _upstream.Answer = VerificationStandIn.Status(401);
        Assert.Equal(InvoiceOutcome.Error, (await Verifier().VerifyAsync(Special, CancellationToken.None)).Outcome);
        Assert.Single(_upstream.Requests);
    }

    [Fact]
    public async Task An_upstream_slower_than_the_timeout_is_tried_again_then_answered_error()
    {
        _upstream.Answer = (ctx, _) => Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
        var clock = Stopwatch.StartNew();
        var verification = await Verifier(o => o.Timeout = TimeSpan.FromMilliseconds(200)).VerifyAsync(Special, CancellationToken.None);
        Assert.Equal(InvoiceOutcome.Error, verification.Outcome);
        Assert.Equal(3, _upstream.Requests.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_unreachable_upstream_is_an_error()
    {
        var gone = _upstream.Url;
        await _upstream.DisposeAsync();
        _upstream = await VerificationStandIn.StartAsync();
        var verifier = Verifier(o => o.Url = gone);
        Assert.Equal(InvoiceOutcome.Error, (await verifier.VerifyAsync(Special, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task After_repeated_failures_the_breaker_opens_and_answers_error_at_once_without_asking()
    {
        _upstream.Answer = VerificationStandIn.Status(500);
        var verifier = Verifier(o =>
        {
            o.Retries = 0;
            o.BreakerMinimumThroughput = 2;
            o.BreakerFailureRatio = 0.5;
            o.BreakerBreakDuration = TimeSpan.FromMinutes(1);
        });
        for (var i = 0; i < 2; i++) Assert.Equal(InvoiceOutcome.Error, (await verifier.VerifyAsync(Special, CancellationToken.None)).Outcome);
        Assert.Equal(2, _upstream.Requests.Count);

        // Asking would now take the whole attempt timeout (500 ms); the open breaker answers without asking.
        _upstream.Answer = (ctx, _) => Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
        var clock = Stopwatch.StartNew();
        Assert.Equal(InvoiceOutcome.Error, (await verifier.VerifyAsync(Special, CancellationToken.None)).Outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(450), $"took {clock.Elapsed}");
        Assert.Equal(2, _upstream.Requests.Count);
    }

    [Theory]
    [InlineData(null, "Invoices:Http:Url")]
    [InlineData("ftp://x/verify", "Invoices:Http:Url")]
    public void A_missing_or_wrong_url_is_refused_naming_the_setting(string? url, string setting)
    {
        var e = Assert.Throws<InvalidOperationException>(() => new HttpVerifierOptions { Url = url is null ? null : new Uri(url) }.Validated());
        Assert.Contains(setting, e.Message);
    }
}
