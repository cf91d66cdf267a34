using Ivr.Service.Campaigns;

namespace Ivr.Tests.Campaigns;

/// <summary>Campaigns end to end on the real PostgreSQL and Redis, an Alibaba stand-in, and a fake clock.</summary>
public sealed class CampaignDispatchTests(CampaignEngineFixture f) : IClassFixture<CampaignEngineFixture>
{
    static DateTimeOffset Beijing(string local) => DateTimeOffset.Parse(local + "+08:00");

    /// <summary>Targets and (when given) attempts of the campaign's latest run, counted by state.</summary>
    static async Task AssertStatesAsync(CampaignEngine e, long id, Dictionary<string, long> targets, Dictionary<string, long>? attempts = null)
    {
        var progress = await e.ProgressAsync(id);
        Assert.Equal(targets, progress.TargetsByState);
        if (attempts != null) Assert.Equal(attempts, progress.AttemptsByState);
    }

    int SentTo(IEnumerable<string> phones) => f.Sms.Sent.Values.Count(v => phones.Contains(v.Phone));

    [Fact]
    public async Task A_campaign_runs_from_its_schedule_to_results_inside_the_calling_windows()
    {
        await using var e = f.Engine(Beijing("2026-03-10T07:00:00"));
        var phones = await e.AddTaxpayersAsync("schedule", 5, 1000);
        await e.Get<Npgsql.NpgsqlDataSource>().CreateCommand($"insert into do_not_contact (phone, reason) values ('{phones[4]}', 'unsubscribed by menu')").ExecuteNonQueryAsync();
        var id = await e.ScheduleCampaignAsync("schedule", schedule: "once 2026-03-10 08:00");

        await e.RunDueAsync();
        Assert.Equal(CampaignStates.Scheduled, (await e.ProgressAsync(id)).Campaign.State);

        e.AdvanceTo(Beijing("2026-03-10T08:00:00"));
        await e.RunDueAsync();
        Assert.Equal(CampaignStates.Running, (await e.ProgressAsync(id)).Campaign.State);
        Assert.Equal(0, SentTo(phones)); // before the 09:00 window
        Assert.Equal(Beijing("2026-03-10T09:00:00"), e.Jobs.NextAt);

        e.AdvanceTo(Beijing("2026-03-10T09:00:00"));
        await e.RunDueAsync();
        var progress = await e.ProgressAsync(id);
        Assert.Equal(4, SentTo(phones));
        Assert.Equal(new Dictionary<string, long> { ["opted_out"] = 1, ["sent"] = 4 }, progress.TargetsByState);
        Assert.Equal(CampaignStates.Finished, progress.Campaign.State);
        var sent = f.Sms.Sent.Values.First(v => v.Phone == phones[0]);
        Assert.Contains("\"deadline\":\"3月16日\"", sent.Params);
        Assert.Contains("\"name\":\"纳税人0\"", sent.Params);

        foreach (var (outId, _) in f.Sms.Sent.Where(s => phones.Contains(s.Value.Phone)))
            await e.Receipts.ApplyAsync(new SmsReceipt("alibaba", outId, null, true, "DELIVERED", "{}"), default);
        Assert.Equal(new Dictionary<string, long> { ["delivered"] = 4, ["opted_out"] = 1 }, (await e.ProgressAsync(id)).TargetsByState);
    }

    [Fact]
    public async Task Nothing_is_sent_over_the_Spring_Festival_and_sending_resumes_on_the_first_working_day()
    {
        await using var e = f.Engine(Beijing("2026-02-14T18:30:00")); // a worked Saturday, after the window
        var phones = await e.AddTaxpayersAsync("festival", 3, 2000);
        await e.ScheduleCampaignAsync("festival");
        await e.RunDueAsync();
        Assert.Equal(Beijing("2026-02-24T09:00:00"), e.Jobs.NextAt);

        e.AdvanceTo(Beijing("2026-02-20T10:00:00"));
        Assert.Equal(0, await e.RunDueAsync());
        Assert.Equal(0, SentTo(phones));

        e.AdvanceTo(Beijing("2026-02-24T09:00:00"));
        await e.RunDueAsync();
        Assert.Equal(3, SentTo(phones));
    }

    [Fact]
    public async Task Provider_errors_are_retried_per_policy_and_rejected_numbers_are_not()
    {
        await using var e = f.Engine(Beijing("2026-03-11T10:00:00"));
        var phones = await e.AddTaxpayersAsync("retry", 4, 3000);
        f.Sms.FailPhone[phones[0]] = "isp.SYSTEM_ERROR";        // fails once, then recovers
        f.Sms.FailPhone[phones[1]] = "isp.SYSTEM_ERROR";        // fails every time
        f.Sms.FailPhone[phones[2]] = "isv.MOBILE_NUMBER_ILLEGAL";
        var id = await e.ScheduleCampaignAsync("retry", retryPolicy: """{"provider_error":{"maxAttempts":2,"delay":"00:10:00"}}""");

        await e.RunDueAsync();
        Assert.Equal(new Dictionary<string, long> { ["failed"] = 1, ["retry"] = 2, ["sent"] = 1 }, (await e.ProgressAsync(id)).TargetsByState);
        Assert.Equal(Beijing("2026-03-11T10:10:00"), e.Jobs.NextAt);

        f.Sms.FailPhone.TryRemove(phones[0], out _);
        e.AdvanceTo(Beijing("2026-03-11T10:10:00"));
        await e.RunDueAsync();
        var progress = await e.ProgressAsync(id);
        Assert.Equal(new Dictionary<string, long> { ["failed"] = 2, ["sent"] = 2 }, progress.TargetsByState);
        Assert.Equal(new Dictionary<string, long> { ["accepted"] = 2, ["failed"] = 3, ["rejected"] = 1 }, progress.AttemptsByState);
        Assert.Equal(CampaignStates.Finished, progress.Campaign.State);
    }

    [Fact]
    public async Task A_throttled_provider_slows_the_campaign_down_without_failing_anyone()
    {
        await using var e = f.Engine(Beijing("2026-03-12T10:00:00"));
        var phones = await e.AddTaxpayersAsync("throttle", 6, 4000);
        var id = await e.ScheduleCampaignAsync("throttle");
        f.Sms.ThrottleNext(2);

        await e.RunDueAsync();

        var progress = await e.ProgressAsync(id);
        Assert.Equal(new Dictionary<string, long> { ["sent"] = 6 }, progress.TargetsByState);
        Assert.Equal(2, progress.AttemptsByState["throttled"]);
        Assert.Equal(6, SentTo(phones));
        Assert.Equal(0L, await e.ScalarAsync<long>("select count(*) from campaign_targets t join campaign_runs r on r.id = t.run_id where r.campaign_id = $1 and attempt_count <> 1", id));
    }

    [Fact]
    public async Task A_paused_campaign_sends_nothing_until_resumed()
    {
        await using var e = f.Engine(Beijing("2026-03-13T10:00:00"));
        var phones = await e.AddTaxpayersAsync("pause", 4, 5000);
        var id = await e.ScheduleCampaignAsync("pause", chunkSize: 2);
        await e.Get<CampaignScheduler>().TickAsync(default);
        await e.Admin.PauseAsync(id, default);

        await e.RunDueAsync();
        Assert.Equal(0, SentTo(phones));
        Assert.Null(e.Jobs.NextAt);
        await Assert.ThrowsAsync<CampaignConflictException>(() => e.Admin.PauseAsync(id, default));

        await e.Admin.ResumeAsync(id, default);
        await e.RunDueAsync();
        Assert.Equal(4, SentTo(phones));
        Assert.Equal(CampaignStates.Finished, (await e.ProgressAsync(id)).Campaign.State);
    }

    [Fact]
    public async Task A_cancelled_campaign_leaves_its_remaining_targets_unsent()
    {
        await using var e = f.Engine(Beijing("2026-03-13T10:00:00"));
        var phones = await e.AddTaxpayersAsync("cancel", 3, 5500);
        var id = await e.ScheduleCampaignAsync("cancel");
        await e.Get<CampaignScheduler>().TickAsync(default);
        await e.Admin.CancelAsync(id, default);
        await e.RunDueAsync();
        Assert.Equal(0, SentTo(phones));
        Assert.Equal(new Dictionary<string, long> { ["cancelled"] = 3 }, (await e.ProgressAsync(id)).TargetsByState);
    }

    [Fact]
    public async Task A_send_whose_answer_was_lost_is_looked_up_at_the_provider_and_never_sent_twice()
    {
        await using var e = f.Engine(Beijing("2026-03-16T10:00:00"), reconcileAfter: TimeSpan.FromMinutes(2));
        var phones = await e.AddTaxpayersAsync("timeout", 1, 6000);
        var id = await e.ScheduleCampaignAsync("timeout");
        f.Sms.DelayMs = 1500; // longer than the sender's 1 s timeout: the provider takes it, we never hear
        try
        {
            await e.RunDueAsync();
        }
        finally
        {
            f.Sms.DelayMs = 0;
        }
        Assert.Equal(new Dictionary<string, long> { ["unknown"] = 1 }, (await e.ProgressAsync(id)).TargetsByState);
        Assert.Equal(Beijing("2026-03-16T10:02:00"), e.Jobs.NextAt);
        await Task.Delay(1000); // the stand-in finishes taking the message

        e.AdvanceTo(Beijing("2026-03-16T10:02:00"));
        await e.RunDueAsync();
        await AssertStatesAsync(e, id, new() { ["sent"] = 1 }, new() { ["accepted"] = 1 });
        Assert.Equal(1, SentTo(phones));
    }

    [Fact]
    public async Task A_send_interrupted_before_reaching_the_provider_is_sent_exactly_once_after_the_lookup()
    {
        await using var e = f.Engine(Beijing("2026-03-16T10:00:00"));
        var phones = await e.AddTaxpayersAsync("orphan", 1, 7000);
        var id = await e.ScheduleCampaignAsync("orphan");
        await e.Get<CampaignScheduler>().TickAsync(default);
        // What a worker killed right after committing its intent leaves behind.
        await e.ScalarAsync<long>("""
            with t as (update campaign_targets t set state = 'sending', attempt_count = 1 from campaign_runs r
                       where r.id = t.run_id and r.campaign_id = $1 returning t.id)
            insert into campaign_attempts (target_id, attempt_no, out_id, provider, state, started_at)
            select id, 1, 'c' || id || 'a1', 'alibaba', 'sending', $2 from t returning target_id
            """, id, e.Clock.GetUtcNow().AddHours(-1));

        await e.RunDueAsync();

        await AssertStatesAsync(e, id, new() { ["sent"] = 1 }, new() { ["accepted"] = 1, ["not_sent"] = 1 });
        Assert.Equal(1, SentTo(phones));
    }

    [Fact]
    public async Task A_failed_delivery_receipt_brings_the_target_back_after_the_policy_delay()
    {
        await using var e = f.Engine(Beijing("2026-03-17T10:00:00"));
        var phones = await e.AddTaxpayersAsync("receipt", 1, 8000);
        var id = await e.ScheduleCampaignAsync("receipt");
        await e.RunDueAsync();
        var outId = f.Sms.Sent.Single(s => s.Value.Phone == phones[0]).Key;

        await e.Receipts.ApplyAsync(new SmsReceipt("alibaba", outId, null, false, "MK:0001", """{"err_code":"MK:0001"}"""), default);
        Assert.Equal(new Dictionary<string, long> { ["retry"] = 1 }, (await e.ProgressAsync(id)).TargetsByState);
        Assert.Equal(Beijing("2026-03-17T11:00:00"), e.Jobs.NextAt); // delivery_failed default: 1 hour

        e.AdvanceTo(Beijing("2026-03-17T11:00:00"));
        await e.RunDueAsync();
        Assert.Equal(2, SentTo(phones));
        var second = f.Sms.Sent.Single(s => s.Value.Phone == phones[0] && s.Key != outId).Key;
        await e.Receipts.ApplyAsync(new SmsReceipt("alibaba", second, null, true, "DELIVERED", "{}"), default);
        Assert.Equal(new Dictionary<string, long> { ["delivered"] = 1 }, (await e.ProgressAsync(id)).TargetsByState);
    }

    [Fact]
    public async Task A_campaign_definition_with_several_mistakes_reports_them_all()
    {
        await using var e = f.Engine(Beijing("2026-03-17T10:00:00"));
        var error = await Assert.ThrowsAsync<CampaignValidationException>(() => e.Admin.CreateAsync(new Campaign
        {
            Name = "bad", TemplateCode = "", Windows = "9-12", Schedule = "every day", RetryPolicy = """{"busyy":{}}""",
            AudienceSql = "select taxpayer_id from taxpayers",
        }, default));
        Assert.Equal(["audienceSql", "retryPolicy", "schedule", "templateCode", "windows"], error.Errors.Keys.Order());
        Assert.Contains("must return columns taxpayer_id and phone", error.Errors["audienceSql"][0]);
        Assert.Contains("unknown outcome 'busyy'", error.Errors["retryPolicy"][0]);
    }

    [Fact]
    public async Task An_uploaded_CSV_audience_is_loaded_with_COPY_and_sent_with_its_columns_as_variables()
    {
        await using var e = f.Engine(Beijing("2026-03-18T10:00:00"));
        var id = await e.Admin.CreateAsync(new Campaign { Name = "csv", TemplateCode = "SMS_123" }, default);
        var csv = "\uFEFFtaxpayer_id,phone,name,tax\r\n911100000000000A01,13912000001,\"北京某某, 有限公司\",增值税\r\n911100000000000A02,13912000002,张三,个税\r\n";
        Assert.Equal(2, await e.Get<AudienceImport>().ImportCsvAsync(id, new StringReader(csv), "upload.csv", default));
        await e.Admin.ScheduleAsync(id, default);
        await e.RunDueAsync();
        var sent = f.Sms.Sent.Values.Single(v => v.Phone == "13912000001");
        Assert.Contains("\"name\":\"北京某某, 有限公司\"", sent.Params);
        Assert.Contains("\"tax\":\"增值税\"", sent.Params);
        Assert.Equal(new Dictionary<string, long> { ["sent"] = 2 }, (await e.ProgressAsync(id)).TargetsByState);
    }

    [Theory]
    [InlineData("id,phone\n1,13900000000\n", "line 1: the header must name columns taxpayer_id and phone")]
    [InlineData("taxpayer_id,phone\n1,13900000000\n2,1390000\n", "line 3: phone '1390000' is not a mobile number")]
    [InlineData("taxpayer_id,phone\n1,13900000000,extra\n", "line 2: 3 fields, the header has 2")]
    public async Task A_bad_CSV_audience_is_refused_with_its_line(string csv, string expected)
    {
        await using var e = f.Engine(Beijing("2026-03-18T10:00:00"));
        var id = await e.Admin.CreateAsync(new Campaign { Name = "bad csv", TemplateCode = "SMS_123" }, default);
        var error = await Assert.ThrowsAsync<FormatException>(() => e.Get<AudienceImport>().ImportCsvAsync(id, new StringReader(csv), "upload.csv", default));
        Assert.Equal("upload.csv " + expected, error.Message[..("upload.csv " + expected).Length]);
    }
}
