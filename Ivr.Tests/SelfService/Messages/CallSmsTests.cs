using Ivr.Service.Calls.Menu;
using Ivr.Service.Menus;
using Ivr.Service.SelfService.Messages;
using Ivr.Service.SelfService.Reminders;
using Ivr.Service.Sms;
using Ivr.Tests.Infrastructure;
using Ivr.Tests.SelfService.Filing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Ivr.Tests.SelfService.Messages;

/// <summary>The SMS of menus' sms nodes: consent from the real PostgreSQL, once per call and message through the real Redis.</summary>
public sealed class CallSmsTests(TaxpayerDatabase taxpayers) : IClassFixture<TaxpayerDatabase>, IAsyncLifetime
{
    readonly string _prefix = $"t:{Guid.NewGuid():N}:";
    ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);

    public async Task DisposeAsync()
    {
        await foreach (var key in _redis.GetServers()[0].KeysAsync(pattern: _prefix + "*")) await _redis.GetDatabase().KeyDeleteAsync(key);
        await _redis.DisposeAsync();
    }

    CallSms Over(ISmsSender sender) => new(sender, new SmsConsents(taxpayers.Db), _redis, _prefix, NullLogger<CallSms>.Instance);

    static MenuSms Ticket(string channel, string ticket, string to = "13912345678") =>
        new(channel, "complaint-ticket", to, new Dictionary<string, string> { ["ticket"] = ticket, ["answer-by"] = "20261123" });

    [Fact]
    public async Task Ticket_sms_goes_out_once_even_when_its_node_is_entered_again_by_another_instance()
    {
        var sent = new SentSms();
        Assert.Equal(CallSmsOutcome.Sent, await Over(sent).SendAsync(Ticket("ch-once", "2026111900001"), CancellationToken.None));
        // A second instance (its own sender object) taking the call over enters the node again with the same ticket.
        Assert.Equal(CallSmsOutcome.AlreadySent, await Over(sent).SendAsync(Ticket("ch-once", "2026111900001"), CancellationToken.None));

        var message = Assert.Single(sent.Messages);
        Assert.Equal(("13912345678", "complaint-ticket", "2026111900001"), (message.Phone, message.TemplateCode, message.Parameters["ticket"]));
    }

    [Fact]
    public async Task A_second_ticket_in_the_same_call_and_the_same_ticket_in_another_call_each_get_their_sms()
    {
        var sent = new SentSms();
        await Over(sent).SendAsync(Ticket("ch-two", "2026111900002"), CancellationToken.None);
        await Over(sent).SendAsync(Ticket("ch-two", "2026111900003"), CancellationToken.None);
        await Over(sent).SendAsync(Ticket("ch-other", "2026111900002"), CancellationToken.None);

        Assert.Equal(3, sent.Messages.Count);
    }

    [Fact]
    public async Task Reminder_goes_only_to_a_number_that_consented_and_did_not_opt_out()
    {
        var sent = new SentSms();
        var consents = new SmsConsents(taxpayers.Db);
        var at = new SmsConsents.Source("keypad", "ch-consent", DateTimeOffset.UtcNow);
        await consents.GiveAsync("13911112001", "914403007152600052", at, CancellationToken.None);
        await consents.GiveAsync("13911112002", "914403007152600052", at, CancellationToken.None);
        await consents.WithdrawAsync("13911112002", at, CancellationToken.None);
        MenuSms Reminder(string to) => new("ch-remind", "filing-reminder", to, new Dictionary<string, string>());

        Assert.Equal(CallSmsOutcome.Sent, await Over(sent).SendAsync(Reminder("13911112001"), CancellationToken.None));
        Assert.Equal(CallSmsOutcome.NoConsent, await Over(sent).SendAsync(Reminder("13911112002"), CancellationToken.None));
        Assert.Equal(CallSmsOutcome.NoConsent, await Over(sent).SendAsync(Reminder("13911112003"), CancellationToken.None));
        Assert.Equal(["13911112001"], sent.Messages.Select(m => m.Phone));
    }

    [Fact]
    public async Task Notification_to_an_opted_out_number_still_goes_because_it_answers_what_the_caller_just_did()
    {
        var sent = new SentSms();
        await new SmsConsents(taxpayers.Db).WithdrawAsync("13911112004", new("keypad", "ch-out", DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Equal(CallSmsOutcome.Sent, await Over(sent).SendAsync(Ticket("ch-optout", "2026111900004", to: "13911112004"), CancellationToken.None));
    }

    [Fact]
    public async Task Landline_gets_no_sms_and_a_provider_refusal_is_an_outcome_not_an_exception()
    {
        var sent = new SentSms();
        Assert.Equal(CallSmsOutcome.NotMobile, await Over(sent).SendAsync(Ticket("ch-land", "2026111900005", to: "02158880000"), CancellationToken.None));
        Assert.Empty(sent.Messages);

        var refused = new SentSms(SmsOutcome.Rejected);
        Assert.Equal(CallSmsOutcome.NotAccepted, await Over(refused).SendAsync(Ticket("ch-refused", "2026111900006"), CancellationToken.None));
        Assert.Single(refused.Messages);
    }

    [Fact]
    public void Every_sms_template_the_menus_may_name_has_a_kind()
    {
        Assert.Equal(HostRegistry.SmsTemplates.Order(), CallSmsTemplates.Kinds.Keys.Order());
        var unknown = Assert.Throws<ArgumentException>(() => CallSmsTemplates.KindOf("birthday"));
        Assert.Contains("'birthday'", unknown.Message);
    }
}
