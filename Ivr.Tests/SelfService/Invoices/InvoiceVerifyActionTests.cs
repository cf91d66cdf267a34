using Ivr.Service.Calls.Menu;
using Ivr.Service.SelfService;
using Ivr.Service.SelfService.Invoices;
using Ivr.Service.Speech.Values;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Tests.SelfService.Invoices;

/// <summary><c>invoice.verify</c> as the service registers it (AddInvoices), on the sample registry and the real Redis.</summary>
public sealed class InvoiceVerifyActionTests(RegistryFixture registry, RedisServer redis)
    : IClassFixture<RegistryFixture>, IClassFixture<RedisServer>, IAsyncLifetime
{
    static readonly ActionCall Call = new("ch-1", "13800000000", "12366", "zh-CN");
    ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        _services = Services(new()
        {
            ["Invoices:Postgres"] = registry.ConnectionString,
            ["Invoices:Redis"] = Servers.Redis,
            ["Invoices:RedisPrefix"] = $"{redis.Prefix}{Guid.NewGuid():N}:",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(registry.Time)
            .AddInvoices(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    Task<ActionResult> VerifyAsync(string code, string number, string date, string check, ActionCall? call = null) =>
        _services.GetServices<IMenuAction>().Single(a => a.Name == "invoice.verify").InvokeAsync(
            new Dictionary<string, string> { ["code"] = code, ["number"] = number, ["date"] = date, ["check"] = check }, call ?? Call, CancellationToken.None);

    [Fact]
    public async Task A_matching_invoice_answers_match_with_seller_date_and_total_the_menu_can_speak_in_mandarin()
    {
        var result = await VerifyAsync("", "24442000000012345678", "20240912", "11300.00");
        Assert.Equal("match", result.Code);
        Assert.Equal("上海浦江供应链管理有限公司", result.Outputs["seller"]);
        Assert.Equal("20240912", result.Outputs["date"]);
        Assert.Equal("11300.00", result.Outputs["amount"]);
        Assert.Equal(["num-1", "unit-wan", "num-1", "unit-qian", "num-3", "unit-bai", "money-yuan"],
            ValueSpeakers.Speak("amount", result.Outputs["amount"], "zh-CN"));
        Assert.Equal(["num-2", "num-0", "num-2", "num-4", "date-year", "month-9", "unit-shi", "num-2", "date-day", "weekday-4"],
            ValueSpeakers.Speak("date", result.Outputs["date"], "zh-CN"));
    }

    [Theory]
    [InlineData("4403241130", "00012346", "20240520", "5000.00", "voided")]
    [InlineData("", "24442000000087654321", "20241118", "2260.00", "red_reversed")]
    [InlineData("", "24442000000099999999", "20240912", "11300.00", "not_found")]
    [InlineData("4403241130", "00012345", "20240315", "1234.00", "mismatch")]
    public async Task Other_results_answer_their_code_and_reveal_nothing_of_the_invoice(string code, string number, string date, string check, string expected)
    {
        var result = await VerifyAsync(code, number, date, check);
        Assert.Equal(expected, result.Code);
        Assert.Empty(result.Outputs);
    }

    [Fact]
    public async Task The_sixth_check_of_an_invoice_today_answers_limit_exceeded_whoever_calls()
    {
        for (var i = 0; i < 5; i++)
            Assert.Equal("match", (await VerifyAsync("4403241330", "00056781", "20240408", "583920", Call with { CallerNumber = $"1390000000{i}" })).Code);
        Assert.Equal("limit_exceeded", (await VerifyAsync("4403241330", "00056781", "20240408", "583920", Call with { CallerNumber = "13900000009" })).Code);
    }

    [Fact]
    public async Task A_caller_checking_too_many_invoices_answers_limit_exceeded()
    {
        var caller = Call with { CallerNumber = "13700000000" };
        for (var i = 0; i < 10; i++) Assert.Equal("not_found", (await VerifyAsync("", $"244420000000990000{i:D2}", "20240912", "1.00", caller)).Code);
        Assert.Equal("limit_exceeded", (await VerifyAsync("", "24442000000012345678", "20240912", "11300.00", caller)).Code);
    }

    [Theory]
    [InlineData("4403241130", "0001234", "20240315", "1234.50")]
    [InlineData("", "2444200000001234567", "20240912", "11300.00")]
    [InlineData("", "24442000000012345678", "20240912", "11300.005")]
    public async Task Keys_of_the_wrong_length_answer_error_the_menus_failure_path(string code, string number, string date, string check) =>
        Assert.Equal("error", (await VerifyAsync(code, number, date, check)).Code);

    [Fact]
    public void An_unknown_verifier_or_a_missing_upstream_url_stops_the_start_naming_the_setting()
    {
        var unknown = Assert.Throws<InvalidOperationException>(() => Services(new() { ["Invoices:Verifier"] = "ldap", ["Invoices:Redis"] = Servers.Redis }));
        Assert.Contains("Invoices:Verifier", unknown.Message);
        var noUrl = Assert.Throws<InvalidOperationException>(() => Services(new() { ["Invoices:Verifier"] = "http", ["Invoices:Redis"] = Servers.Redis }));
        Assert.Contains("Invoices:Http:Url", noUrl.Message);
    }

    [Fact]
    public void Without_database_or_redis_and_no_verifier_chosen_the_check_is_left_to_the_menus_error_path()
    {
        using var services = Services(new() { ["Invoices:Redis"] = Servers.Redis });
        Assert.Empty(services.GetServices<IMenuAction>());
        var registry = Assert.Throws<InvalidOperationException>(() => Services(new() { ["Invoices:Verifier"] = "registry", ["Invoices:Redis"] = Servers.Redis }));
        Assert.Contains("Invoices:Postgres", registry.Message);
    }

    [Fact]
    public async Task Limits_come_from_configuration()
    {
        await using var services = Services(new()
        {
            ["Invoices:Postgres"] = registry.ConnectionString, ["Invoices:Redis"] = Servers.Redis,
            ["Invoices:RedisPrefix"] = $"{redis.Prefix}{Guid.NewGuid():N}:", ["Invoices:Limits:PerCaller"] = "1", ["Invoices:Limits:CallerWindow"] = "00:01:00",
        });
        var action = services.GetServices<IMenuAction>().Single();
        var arguments = new Dictionary<string, string> { ["code"] = "", ["number"] = "24442000000012345678", ["date"] = "20240912", ["check"] = "11300.00" };
        Assert.Equal("match", (await action.InvokeAsync(arguments, Call, CancellationToken.None)).Code);
        Assert.Equal("limit_exceeded", (await action.InvokeAsync(arguments, Call, CancellationToken.None)).Code);
    }

    [Fact]
    public async Task Verifier_http_sends_the_check_upstream()
    {
        await using var upstream = await VerificationStandIn.StartAsync();
        upstream.Answer = VerificationStandIn.Json(new { result = "red_reversed" });
        await using var services = Services(new()
        {
            ["Invoices:Verifier"] = "http", ["Invoices:Http:Url"] = upstream.Url.ToString(), ["Invoices:Http:Timeout"] = "00:00:01",
            ["Invoices:Redis"] = Servers.Redis, ["Invoices:RedisPrefix"] = $"{redis.Prefix}{Guid.NewGuid():N}:",
        });
        var action = services.GetServices<IMenuAction>().Single();
        var result = await action.InvokeAsync(new Dictionary<string, string> { ["code"] = "", ["number"] = "24442000000012345678", ["date"] = "20240912", ["check"] = "11300.00" },
            Call, CancellationToken.None);
        Assert.Equal("red_reversed", result.Code);
        Assert.Single(upstream.Requests);
    }
}
