using Ivr.Service.SelfService.Invoices;
using Ivr.Service.SelfService.Invoices.Limits;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Tests.SelfService.Invoices;

/// <summary>The check limits on the real Redis, each test under a key prefix of its own.</summary>
public sealed class InvoiceLimitsTests(RedisServer redis) : IClassFixture<RedisServer>
{
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 4, 0, 0, TimeSpan.Zero));
    readonly string _prefix = $"{redis.Prefix}{Guid.NewGuid():N}:";

    InvoiceLimits Limits(int perCaller = 10, TimeSpan? window = null) =>
        new(redis.Connection, _prefix, new InvoiceLimitOptions { PerCaller = perCaller, CallerWindow = window ?? TimeSpan.FromMinutes(10) }.Validated(), _time);

    static InvoiceQuery Invoice(int n) => new("", $"244420000000{n:D8}", new DateOnly(2024, 9, 12), CheckKind.Total, "11300.00");

    static string Caller(int n) => $"1380000{n:D4}";

    [Fact]
    public async Task The_sixth_check_of_one_invoice_in_a_beijing_day_is_refused_and_the_next_day_allowed_again()
    {
        var limits = Limits();
        for (var i = 0; i < 5; i++) Assert.Equal(LimitVerdict.Allowed, await limits.TryCountAsync(Invoice(1), Caller(i), CancellationToken.None));
        Assert.Equal(LimitVerdict.InvoiceLimit, await limits.TryCountAsync(Invoice(1), Caller(9), CancellationToken.None));
        Assert.Equal(LimitVerdict.Allowed, await limits.TryCountAsync(Invoice(2), Caller(9), CancellationToken.None));

        _time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero)); // midnight in Beijing
        Assert.Equal(LimitVerdict.Allowed, await limits.TryCountAsync(Invoice(1), Caller(9), CancellationToken.None));
    }

    [Fact]
    public async Task A_day_counter_expires_an_hour_after_its_beijing_day_ends()
    {
        await Limits().TryCountAsync(Invoice(1), Caller(1), CancellationToken.None);
        var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync($"{_prefix}invoice:checks:20261123:-:{Invoice(1).Number}");
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(13) - TimeSpan.FromSeconds(5), TimeSpan.FromHours(13));
    }

    [Fact]
    public async Task A_caller_over_the_rate_limit_is_refused_for_any_invoice_and_the_window_is_set_on_the_counter()
    {
        var limits = Limits(perCaller: 3, window: TimeSpan.FromMinutes(10));
        for (var i = 0; i < 3; i++) Assert.Equal(LimitVerdict.Allowed, await limits.TryCountAsync(Invoice(i), Caller(1), CancellationToken.None));
        Assert.Equal(LimitVerdict.CallerLimit, await limits.TryCountAsync(Invoice(7), Caller(1), CancellationToken.None));
        Assert.Equal(LimitVerdict.Allowed, await limits.TryCountAsync(Invoice(7), Caller(2), CancellationToken.None));
        var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync($"{_prefix}invoice:caller:{Caller(1)}");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task A_withheld_number_has_no_rate_limit_of_its_own_but_the_invoice_limit_still_holds()
    {
        var limits = Limits(perCaller: 1);
        for (var i = 0; i < 5; i++) Assert.Equal(LimitVerdict.Allowed, await limits.TryCountAsync(Invoice(i), "", CancellationToken.None));
        for (var i = 0; i < 4; i++) await limits.TryCountAsync(Invoice(0), "", CancellationToken.None);
        Assert.Equal(LimitVerdict.InvoiceLimit, await limits.TryCountAsync(Invoice(0), "", CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_checks_of_one_invoice_never_pass_the_limit_together()
    {
        var limits = Limits(perCaller: 1000);
        var verdicts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => limits.TryCountAsync(Invoice(3), Caller(i % 4), CancellationToken.None)));
        Assert.Equal(5, verdicts.Count(v => v == LimitVerdict.Allowed));
    }

    [Theory]
    [InlineData(0, 10, "Invoices:Limits:PerInvoicePerDay")]
    [InlineData(5, 0, "Invoices:Limits:PerCaller")]
    public void A_limit_set_to_nothing_is_refused_naming_the_setting(int perInvoice, int perCaller, string setting)
    {
        var e = Assert.Throws<InvalidOperationException>(() => new InvoiceLimitOptions { PerInvoicePerDay = perInvoice, PerCaller = perCaller }.Validated());
        Assert.Contains(setting, e.Message);
    }
}
