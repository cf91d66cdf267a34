using Ivr.Service.Calls.Menu;
using Ivr.Service.SelfService;
using Ivr.Service.SelfService.Reminders;
using Ivr.Tests.SelfService.Filing;

namespace Ivr.Tests.SelfService.Reminders;

/// <summary>sms.subscribe / sms.unsubscribe on a real PostgreSQL: consent rows and the campaigns' do_not_contact agree.</summary>
public sealed class ReminderConsentTests(TaxpayerDatabase taxpayers) : IClassFixture<TaxpayerDatabase>
{
    const string Taxpayer = "914403007152600052";

    Task<ActionResult> SubscribeAsync(string mobile, string channel = "ch-sub", string taxpayer = Taxpayer)
    {
        var action = new SubscribeAction(new SmsConsents(taxpayers.Db), Calls.ChinaClock("2026-11-23T10:00:00"));
        return action.InvokeAsync(Calls.Args(("taxpayer-id", taxpayer), ("mobile", mobile), ("consent", "keypad")), Calls.From(mobile, channel),
            CancellationToken.None);
    }

    Task<ActionResult> UnsubscribeAsync(string mobile, string channel = "ch-unsub") =>
        new UnsubscribeAction(new SmsConsents(taxpayers.Db), Calls.ChinaClock("2026-11-24T10:00:00"))
            .InvokeAsync(Calls.Args(("mobile", mobile)), Calls.From(mobile, channel), CancellationToken.None);

    Task<long> OptedOutAsync(string phone) => taxpayers.ScalarAsync<long>("select count(*) from do_not_contact where phone = $1", phone);

    [Fact]
    public async Task Subscribing_stores_consent_with_its_time_and_call()
    {
        Assert.Equal("subscribed", (await SubscribeAsync("13911110001", "ch-a")).Code);
        Assert.Equal("keypad", await taxpayers.ScalarAsync<string>("select given_via from sms_consents where phone = '13911110001'"));
        Assert.Equal("ch-a", await taxpayers.ScalarAsync<string>("select given_channel from sms_consents where phone = '13911110001'"));
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T10:00:00+08:00"),
            await taxpayers.ScalarAsync<DateTime>("select given_at from sms_consents where phone = '13911110001'"));
    }

    [Fact]
    public async Task Subscribing_again_answers_already_so_the_menu_sends_no_second_confirmation()
    {
        await SubscribeAsync("13911110002");
        Assert.Equal("already", (await SubscribeAsync("13911110002")).Code);
    }

    [Fact]
    public async Task Unsubscribing_withdraws_consent_and_puts_the_number_on_the_campaigns_opt_out_list()
    {
        await SubscribeAsync("13911110003");
        Assert.Equal("unsubscribed", (await UnsubscribeAsync("13911110003", "ch-b")).Code);
        Assert.Equal(1, await OptedOutAsync("13911110003"));
        Assert.Equal("ch-b", await taxpayers.ScalarAsync<string>("select withdrawn_channel from sms_consents where phone = '13911110003'"));
        Assert.Equal("not_subscribed", (await UnsubscribeAsync("13911110003")).Code);
    }

    [Fact]
    public async Task A_number_that_never_subscribed_is_still_opted_out_since_campaigns_may_target_it()
    {
        Assert.Equal("unsubscribed", (await UnsubscribeAsync("13911110004")).Code);
        Assert.Equal(1, await OptedOutAsync("13911110004"));
        Assert.Equal("not_subscribed", (await UnsubscribeAsync("+86 139 1111 0004")).Code);
    }

    [Fact]
    public async Task Subscribing_after_opting_out_is_new_consent_that_ends_the_opt_out()
    {
        await SubscribeAsync("13911110005");
        await UnsubscribeAsync("13911110005");
        Assert.Equal("subscribed", (await SubscribeAsync("13911110005", "ch-c")).Code);
        Assert.Equal(0, await OptedOutAsync("13911110005"));
        Assert.Null(await taxpayers.ScalarAsync<DateTime?>("select withdrawn_at from sms_consents where phone = '13911110005'"));
    }

    [Fact]
    public async Task A_landline_or_a_bad_taxpayer_id_cannot_subscribe_and_the_error_says_which()
    {
        var landline = await Assert.ThrowsAsync<ArgumentException>(() => SubscribeAsync("02158880000"));
        Assert.Contains("'mobile' (021****0000) is not a mobile number", landline.Message);
        var badId = await Assert.ThrowsAsync<ArgumentException>(() => SubscribeAsync("13911110006", taxpayer: "914403007152600053"));
        Assert.Contains("'taxpayer-id' (9144************53) is not a taxpayer id", badId.Message);
        Assert.Equal(0, await taxpayers.ScalarAsync<long>("select count(*) from sms_consents where phone in ('02158880000', '13911110006')"));
    }
}
