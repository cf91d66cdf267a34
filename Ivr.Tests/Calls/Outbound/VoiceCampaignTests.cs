using Ivr.Service.Calls.Outbound;
using Ivr.Service.Campaigns;
using Ivr.Simulator.Seats;
using Ivr.Tests.Campaigns;
using Ivr.Tests.Campaigns.StandIns;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Ivr.Tests.Calls.Outbound;

/// <summary>
/// Voice and SMS-then-voice campaigns from schedule to results: the campaign engine (real PostgreSQL and Redis, fake
/// clock for windows and retries, the Alibaba stand-in for SMS) dials through the ARI dialer into the simulator, where
/// the answered call runs the reminder menu and the taxpayer's phone presses keys.
/// </summary>
public sealed class VoiceCampaignTests(DialingFixture f) : IClassFixture<DialingFixture>, IAsyncLifetime
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    readonly RedisServer _redis = new();
    AlibabaSmsStandIn _sms = null!;

    static DateTimeOffset Beijing(string local) => DateTimeOffset.Parse(local + "+08:00", System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _sms = await AlibabaSmsStandIn.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _sms.DisposeAsync();
        await _redis.DisposeAsync();
    }

    CampaignEngine Engine(DateTimeOffset start)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Campaigns:Postgres"] = f.ConnectionString, ["Campaigns:Redis"] = Servers.Redis, ["Campaigns:RedisPrefix"] = _redis.Prefix,
            ["Sms:Provider"] = "alibaba", ["Sms:TimeoutSeconds"] = "2", ["Sms:Alibaba:Endpoint"] = _sms.Url.ToString(),
            ["Sms:Alibaba:AccessKeyId"] = AlibabaSmsStandIn.AccessKeyId, ["Sms:Alibaba:AccessKeySecret"] = AlibabaSmsStandIn.AccessKeySecret,
            ["Sms:Alibaba:SignName"] = "12366纳税服务",
        }).Build();
        var clock = new FakeTimeProvider(start.ToUniversalTime());
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(NpgsqlDataSource.Create(f.ConnectionString))
            .AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_redis.Connection)
            .AddSingleton<InProcessCampaignJobs>()
            .AddSingleton<ICampaignJobs>(sp => sp.GetRequiredService<InProcessCampaignJobs>())
            .AddSingleton<IOutboundDialer>(f.Dialer)
            .AddSingleton(new OutboundDialOptions { RingTimeout = TimeSpan.FromSeconds(2) });
        services.AddCampaignEngine(config, f.ConnectionString, Servers.Redis);
        return new CampaignEngine(services.BuildServiceProvider(), clock, f.Database);
    }

    static async Task<long> CampaignAsync(CampaignEngine e, string office, string columns, string kind = CampaignKinds.Voice,
        string template = "campaign:filing-reminder", string retryPolicy = "{}")
    {
        var id = await e.Admin.CreateAsync(new Campaign
        {
            Name = "催报 " + office, Kind = kind, TemplateCode = template, CallsPerSecond = 100, SmsPerSecond = 100, RetryPolicy = retryPolicy,
            AudienceSql = $"select taxpayer_id, phone{columns} from taxpayers where tax_office = '{office}' order by phone",
        }, default);
        await e.Admin.ScheduleAsync(id, default);
        return id;
    }

    /// <summary>The dialled phone answers; returns its leg and the leg running the menu (the dialer's channel).</summary>
    static async Task<(string Phone, string Menu)> AnswerAsync(TaxpayerPhones phones, string number)
    {
        var leg = await phones.AnsweredAsync(number, Wait);
        return (leg, leg[..^"-2".Length]);
    }

    /// <summary>A call of a one-taxpayer reminder campaign, answered and at the reminder's keys; <see cref="Run"/> is its chunk job.</summary>
    sealed record Reminded(long Campaign, string Number, string PhoneLeg, string MenuLeg, Task Run, TaxpayerPhones Phones);

    async Task<Reminded> RemindOneAsync(CampaignEngine e, string office, int phoneBase, string columns)
    {
        var number = (await e.AddTaxpayersAsync(office, 1, phoneBase))[0];
        var phones = await f.PhonesAsync();
        var id = await CampaignAsync(e, office, columns);
        var run = e.RunDueAsync();
        var (phone, menu) = await AnswerAsync(phones, number);
        await WaitForPlayAsync(menu, "reminder-keys");
        return new Reminded(id, number, phone, menu, run, phones);
    }

    async Task WaitForPlayAsync(string channelId, string sound)
    {
        var until = DateTime.UtcNow + Wait;
        while (!PlayedOn(channelId).Any(p => p.Contains("sound:" + sound + "&", StringComparison.Ordinal) || p.EndsWith("sound:" + sound, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < until, $"{sound} never played on {channelId}; played: {string.Join(" ", PlayedOn(channelId))}");
            await Task.Delay(20);
        }
    }

    IEnumerable<string> PlayedOn(string channelId) => f.Sim.Requests
        .Where(r => r.PathAndQuery.Contains($"/channels/{channelId}/play", StringComparison.Ordinal))
        .Select(r => Uri.UnescapeDataString(r.PathAndQuery));

    [Fact]
    public async Task Voice_campaign_reaches_the_answering_taxpayer_and_retries_busy_and_unanswered_ones_by_policy()
    {
        f.Actions.Answer("filing.deadline", "ok", ("deadline", "20261215"));
        await using var e = Engine(Beijing("2026-11-23T10:00:00"));
        var phones = await e.AddTaxpayersAsync("voice", 3, 7000);
        var answers = f.Sim.AddSeat(phones[0], new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(300) });
        f.Sim.AddSeat(phones[1], new SeatBehavior { Busy = true });
        f.Sim.AddSeat(phones[2], new SeatBehavior { AnswerAfter = null });
        var id = await CampaignAsync(e, "voice", ", '2026-12-15' as deadline",
            retryPolicy: """{"busy":{"maxAttempts":2,"delay":"00:30:00"},"no_answer":{"maxAttempts":2,"delay":"02:00:00"}}""");

        // The answered taxpayer listens to the reminder and hangs up; the chunk job goes on to the next numbers.
        var first = e.RunDueAsync();
        await answers.WaitForAnswerAsync(Wait);
        await answers.HangUpAsync();
        await first.WaitAsync(Wait);

        var progress = await e.ProgressAsync(id);
        Assert.Equal(new Dictionary<string, long> { ["delivered"] = 1, ["retry"] = 2 }, progress.TargetsByState);
        Assert.Equal(Beijing("2026-11-23T10:30:00"), e.Jobs.NextAt);

        e.AdvanceTo(Beijing("2026-11-23T10:31:00"));
        await e.RunDueAsync().WaitAsync(Wait);
        e.AdvanceTo(Beijing("2026-11-23T12:01:00"));  // lunch break: outside the 09:00-12:00, 14:00-18:00 windows
        await e.RunDueAsync().WaitAsync(Wait);
        e.AdvanceTo(Beijing("2026-11-23T14:00:00"));
        await e.RunDueAsync().WaitAsync(Wait);

        progress = await e.ProgressAsync(id);
        Assert.Equal(new Dictionary<string, long> { ["delivered"] = 1, ["failed"] = 2 }, progress.TargetsByState);
        Assert.Equal(new Dictionary<string, long> { ["answered_and_listened"] = 1, ["busy"] = 2, ["no_answer"] = 2 }, progress.AttemptsByChannel["voice"]);
        var codes = await e.ScalarAsync<string>("""
            select string_agg(t.phone || ':' || a.code, ',' order by t.phone, a.attempt_no)
            from campaign_attempts a join campaign_targets t on t.id = a.target_id join campaign_runs r on r.id = t.run_id where r.campaign_id = $1
            """, id);
        Assert.Equal($"{phones[0]}:answered_and_listened,{phones[1]}:busy,{phones[1]}:busy,{phones[2]}:no_answer,{phones[2]}:no_answer", codes);
        Assert.Equal(5L, await e.ScalarAsync<long>("select count(*) from outbound_dials where phone = any($1)", (object)phones));
    }

    [Fact]
    public async Task Reminder_call_says_the_taxpayers_own_tax_and_deadline_and_no_other_audience_column_reaches_asterisk()
    {
        await using var e = Engine(Beijing("2026-11-23T10:00:00"));
        var call = await RemindOneAsync(e, "own-deadline", 8000, ", name, 'cit' as tax, '2026-12-15' as deadline");

        await call.Phones.HangUpAsync(call.PhoneLeg);
        await call.Run.WaitAsync(Wait);

        var heard = string.Join(" ", PlayedOn(call.MenuLeg));
        Assert.Contains("sound:reminder-intro-cit", heard);
        Assert.True(heard.IndexOf("reminder-intro-cit", StringComparison.Ordinal) < heard.IndexOf("reminder-keys", StringComparison.Ordinal), heard);
        var originate = Uri.UnescapeDataString(f.Sim.Requests.Single(r => r.Method == "POST" && r.PathAndQuery.Contains($"/channels/{call.MenuLeg}?", StringComparison.Ordinal)).PathAndQuery);
        Assert.Contains("deadline=2026-12-15", originate);
        Assert.Contains("tax=cit", originate);
        Assert.DoesNotContain("纳税人", originate);
        Assert.Equal(new Dictionary<string, long> { ["answered_and_listened"] = 1 }, (await e.ProgressAsync(call.Campaign)).AttemptsByChannel["voice"]);
    }

    [Fact]
    public async Task Taxpayer_who_presses_2_is_confirmed_and_gets_the_reminder_by_sms_once()
    {
        await using var e = Engine(Beijing("2026-11-23T10:00:00"));
        var call = await RemindOneAsync(e, "press-2", 8001, ", 'vat' as tax, '20261215' as deadline");

        await call.Phones.PressAsync(call.PhoneLeg, "2");
        await WaitForPlayAsync(call.MenuLeg, "reminder-sms-after-call");
        await call.Run.WaitAsync(Wait);
        e.AdvanceTo(Beijing("2026-11-23T10:10:00"));
        await e.RunDueAsync().WaitAsync(Wait);

        var progress = await e.ProgressAsync(call.Campaign);
        Assert.Equal(new Dictionary<string, long> { ["confirmed"] = 1 }, progress.AttemptsByChannel["voice"]);
        Assert.Equal(new Dictionary<string, long> { ["accepted"] = 1 }, progress.AttemptsByChannel["sms_in_call"]);
        var sent = Assert.Single(_sms.Sent, s => s.Value.Phone == call.Number);
        Assert.Equal(("filing-reminder", true), (sent.Value.Template, sent.Value.Params.Contains("20261215")));
        Assert.EndsWith("s", sent.Key);
        Assert.Empty(_sms.Duplicates);
        Assert.Equal(new Dictionary<string, long> { ["delivered"] = 1 }, progress.TargetsByState);
    }

    [Fact]
    public async Task Sms_asked_for_in_a_call_whose_sending_timed_out_is_looked_up_and_not_sent_again()
    {
        await using var e = Engine(Beijing("2026-11-23T10:00:00"));
        var call = await RemindOneAsync(e, "press-2-timeout", 8003, ", 'vat' as tax, '20261215' as deadline");
        _sms.DelayMs = 2500;   // longer than Sms:TimeoutSeconds: the provider takes it after the service gave up waiting

        await call.Phones.PressAsync(call.PhoneLeg, "2");
        await call.Run.WaitAsync(Wait);
        Assert.Equal(new Dictionary<string, long> { ["unknown"] = 1 }, (await e.ProgressAsync(call.Campaign)).AttemptsByChannel["sms_in_call"]);
        Assert.Equal(Beijing("2026-11-23T10:02:00"), e.Jobs.NextAt);

        // ReconcileAfter exists for this: the request in flight lands before anyone asks the provider about it.
        for (var until = DateTime.UtcNow + Wait; !_sms.Sent.Values.Any(s => s.Phone == call.Number); await Task.Delay(20))
            Assert.True(DateTime.UtcNow < until, "the stand-in never took the SMS");
        e.AdvanceTo(Beijing("2026-11-23T10:02:00"));
        await e.RunDueAsync().WaitAsync(Wait);

        Assert.Equal(new Dictionary<string, long> { ["accepted"] = 1 }, (await e.ProgressAsync(call.Campaign)).AttemptsByChannel["sms_in_call"]);
        Assert.Single(_sms.Sent, s => s.Value.Phone == call.Number);
        Assert.Empty(_sms.Duplicates);
        Assert.Null(e.Jobs.NextAt);
    }

    [Fact]
    public async Task Taxpayer_who_opted_out_meanwhile_and_presses_2_gets_no_sms()
    {
        await using var e = Engine(Beijing("2026-11-23T10:00:00"));
        var call = await RemindOneAsync(e, "press-2-opted-out", 8002, ", 'vat' as tax, '20261215' as deadline");
        await e.ScalarAsync<int>("insert into do_not_contact (phone, reason) values ($1, 'unsubscribed by SMS reply') returning 1", call.Number);

        await call.Phones.PressAsync(call.PhoneLeg, "2");
        await call.Run.WaitAsync(Wait);

        var progress = await e.ProgressAsync(call.Campaign);
        Assert.Equal(new Dictionary<string, long> { ["not_sent"] = 1 }, progress.AttemptsByChannel["sms_in_call"]);
        Assert.DoesNotContain(_sms.Sent.Values, s => s.Phone == call.Number);
    }

    [Fact]
    public async Task Sms_then_voice_calls_once_within_the_windows_only_those_the_sms_did_not_reach_and_reports_each_channel()
    {
        await using var e = Engine(Beijing("2026-11-23T11:50:00"));
        var phones = await e.AddTaxpayersAsync("sms-then-voice", 3, 8010);
        var taxpayerPhones = await f.PhonesAsync();
        _sms.FailPhone[phones[0]] = "isv.MOBILE_NUMBER_ILLEGAL";
        var id = await CampaignAsync(e, "sms-then-voice", ", 'vat' as tax, '20261215' as deadline", CampaignKinds.SmsThenVoice, "SMS_123",
            """{"delivery_failed":{"maxAttempts":1,"delay":"00:10:00"}}""");

        // The rejected SMS hands its taxpayer to voice at once: called in the same chunk, within the morning window.
        var run = e.RunDueAsync();
        var (phone0, menu0) = await AnswerAsync(taxpayerPhones, phones[0]);
        await WaitForPlayAsync(menu0, "reminder-keys");
        await taxpayerPhones.HangUpAsync(phone0);
        await run.WaitAsync(Wait);

        // A failed delivery receipt during the lunch break: the call waits for the afternoon window.
        e.AdvanceTo(Beijing("2026-11-23T12:30:00"));
        var outIds = _sms.Sent.Where(s => s.Value.Phone != phones[0]).ToDictionary(s => s.Value.Phone, s => s.Key);
        await e.Receipts.ApplyAsync(new SmsReceipt("alibaba", outIds[phones[1]], null, false, "UNDELIV", "{}"), default);
        await e.Receipts.ApplyAsync(new SmsReceipt("alibaba", outIds[phones[2]], null, true, "DELIVRD", "{}"), default);
        await e.RunDueAsync().WaitAsync(Wait);
        Assert.Equal(0L, await e.ScalarAsync<long>("select count(*) from outbound_dials where phone = $1", phones[1]));
        Assert.Equal(Beijing("2026-11-23T14:00:00"), e.Jobs.NextAt);

        e.AdvanceTo(Beijing("2026-11-23T14:00:00"));
        run = e.RunDueAsync();
        var (phone1, menu1) = await AnswerAsync(taxpayerPhones, phones[1]);
        await WaitForPlayAsync(menu1, "reminder-keys");
        await taxpayerPhones.HangUpAsync(phone1);
        await run.WaitAsync(Wait);
        e.AdvanceTo(Beijing("2026-11-23T16:00:00"));
        await e.RunDueAsync().WaitAsync(Wait);

        var progress = await e.ProgressAsync(id);
        Assert.Equal(new Dictionary<string, long> { ["delivered"] = 3 }, progress.TargetsByState);
        Assert.Equal(new Dictionary<string, long> { ["delivered"] = 1, ["failed"] = 1, ["rejected"] = 1 }, progress.AttemptsByChannel["sms"]);
        Assert.Equal(new Dictionary<string, long> { ["answered_and_listened"] = 2, ["from_sms"] = 2 }, progress.AttemptsByChannel["voice"]);
        Assert.Equal(new long[] { 1, 1, 0 }, await Task.WhenAll(phones.Select(p => e.ScalarAsync<long>("select count(*) from outbound_dials where phone = $1", p))));
        Assert.Equal(CampaignStates.Finished, progress.Campaign.State);
    }
}
