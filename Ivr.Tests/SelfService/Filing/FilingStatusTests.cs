using Ivr.Service.Calls.Menu;
using Ivr.Service.SelfService.Filing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Tests.SelfService.Filing;

/// <summary>filing.status on the demo taxpayers (<see cref="SampleTaxpayers"/>) in a real PostgreSQL, on 23 November 2026.</summary>
public sealed class FilingStatusTests(TaxpayerDatabase taxpayers) : IClassFixture<TaxpayerDatabase>
{
    const string Shenzhen = "914403007152600052";   // phone 13800000000; everything filed
    const string Shanghai = "91310115MA1H7A2B3C";   // landline, 13800000000 registered as 办税人员; 企业所得税 not filed
    const string Beijing = "91110108MA01C8D2X9";    // phone 13900000001 only; everything filed
    const string Person = "440306198506120038";     // phone 13800000000; nothing filed

    Task<ActionResult> StatusAsync(string id, string caller)
    {
        var action = new FilingStatusAction(new TaxpayerDirectory(taxpayers.Db), Calls.ChinaClock("2026-11-23T10:00:00"),
            NullLogger<FilingStatusAction>.Instance);
        return action.InvokeAsync(Calls.Args(("taxpayer-id", id)), Calls.From(caller), CancellationToken.None);
    }

    [Fact]
    public async Task Caller_on_the_taxpayers_own_number_hears_that_it_filed_and_when()
    {
        var result = await StatusAsync(Shenzhen, "13800000000");
        Assert.Equal("filed", result.Code);
        Assert.Equal("202610", result.Outputs["period"]);
        Assert.Equal("20261108", result.Outputs["filed-on"]);
    }

    [Fact]
    public async Task A_registered_number_however_the_carrier_prefixes_it_is_recognised()
    {
        Assert.Equal("filed", (await StatusAsync(Shenzhen, "+8613800000000")).Code);
        Assert.Equal("filed", (await StatusAsync(Shenzhen, "013800000000")).Code);
    }

    [Fact]
    public async Task A_number_registered_besides_the_main_one_hears_that_one_return_is_still_missing()
    {
        var result = await StatusAsync(Shanghai, "13800000000");
        Assert.Equal("not_filed", result.Code);
        Assert.False(result.Outputs.ContainsKey("filed-on"));
    }

    [Fact]
    public async Task A_taxpayer_with_no_return_recorded_for_the_period_has_not_filed() =>
        Assert.Equal("not_filed", (await StatusAsync(Person, "13800000000")).Code);

    [Fact]
    public async Task One_taxpayers_filings_are_never_told_to_a_caller_registered_only_for_another()
    {
        // 13800000000 is registered for three taxpayers, but not for Beijing: nothing of Beijing's may reach it.
        var refused = await StatusAsync(Beijing, "13800000000");
        Assert.Equal("not_authorised", refused.Code);
        Assert.Empty(refused.Outputs);
        // Beijing's own number hears Beijing's status, and nothing of the taxpayers it is not registered for.
        Assert.Equal("filed", (await StatusAsync(Beijing, "13900000001")).Code);
        foreach (var other in new[] { Shenzhen, Shanghai, Person })
        {
            var result = await StatusAsync(other, "13900000001");
            Assert.Equal("not_authorised", result.Code);
            Assert.Empty(result.Outputs);
        }
    }

    [Fact]
    public async Task A_withheld_caller_id_hears_no_filings() =>
        Assert.Equal("not_authorised", (await StatusAsync(Shenzhen, "")).Code);

    [Fact]
    public async Task A_valid_id_nobody_registered_is_an_unknown_taxpayer()
    {
        var result = await StatusAsync("92440106MA5CQ1R7YU", "13800000000");
        Assert.Equal("unknown_taxpayer", result.Code);
        Assert.Empty(result.Outputs);
    }

    [Fact]
    public async Task An_id_failing_its_check_character_is_an_unknown_taxpayer() =>
        Assert.Equal("unknown_taxpayer", (await StatusAsync("914403007152600053", "13800000000")).Code);

    [Fact]
    public async Task Seeding_the_sample_twice_leaves_the_same_rows()
    {
        var before = await taxpayers.ScalarAsync<long>("select count(*) from taxpayer_filings");
        await SampleTaxpayers.SeedAsync(taxpayers.Db, TaxpayerDatabase.Today, CancellationToken.None);
        Assert.Equal(before, await taxpayers.ScalarAsync<long>("select count(*) from taxpayer_filings"));
        Assert.Equal(1L, await taxpayers.ScalarAsync<long>("select count(*) from taxpayer_phones"));
    }
}
