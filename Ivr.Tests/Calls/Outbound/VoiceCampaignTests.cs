using Ivr.Service.Calls.Outbound;
using Ivr.Service.Campaigns;
using Ivr.Simulator.Seats;
using Ivr.Tests.Campaigns;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Ivr.Tests.Calls.Outbound;

/// <summary>
/// A voice campaign from schedule to results: the campaign engine (real PostgreSQL and Redis, fake clock for windows
/// and retries) dials through the ARI dialer into the simulator, where the answered call runs the reminder menu.
/// </summary>
public sealed class VoiceCampaignTests(DialingFixture f) : IClassFixture<DialingFixture>, IAsyncLifetime
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    readonly RedisServer _redis = new();

    static DateTimeOffset Beijing(string local) => DateTimeOffset.Parse(local + "+08:00", System.Globalization.CultureInfo.InvariantCulture);

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    CampaignEngine Engine(DateTimeOffset start)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Campaigns:Postgres"] = f.ConnectionString, ["Campaigns:Redis"] = Servers.Redis, ["Campaigns:RedisPrefix"] = _redis.Prefix,
            ["Sms:Provider"] = "log",
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

    [Fact]
    public async Task Voice_campaign_reaches_the_answering_taxpayer_and_retries_busy_and_unanswered_ones_by_policy()
    {
        f.Actions.Answer("filing.deadline", "ok", ("deadline", "20261215"));
        await using var e = Engine(Beijing("2026-11-23T10:00:00"));
        var phones = await e.AddTaxpayersAsync("voice", 3, 7000);
        var answers = f.Sim.AddSeat(phones[0], new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(300) });
        f.Sim.AddSeat(phones[1], new SeatBehavior { Busy = true });
        f.Sim.AddSeat(phones[2], new SeatBehavior { AnswerAfter = null });
        var id = await e.Admin.CreateAsync(new Campaign
        {
            Name = "催报 voice", Kind = CampaignKinds.Voice, TemplateCode = "campaign:filing-reminder", CallsPerSecond = 100,
            AudienceSql = "select taxpayer_id, phone, '2026-12-15' as deadline from taxpayers where tax_office = 'voice' order by phone",
            RetryPolicy = """{"busy":{"maxAttempts":2,"delay":"00:30:00"},"no_answer":{"maxAttempts":2,"delay":"02:00:00"}}""",
        }, default);
        await e.Admin.ScheduleAsync(id, default);

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
        var codes = await e.ScalarAsync<string>("""
            select string_agg(t.phone || ':' || a.code, ',' order by t.phone, a.attempt_no)
            from campaign_attempts a join campaign_targets t on t.id = a.target_id join campaign_runs r on r.id = t.run_id where r.campaign_id = $1
            """, id);
        Assert.Equal($"{phones[0]}:answered_and_listened,{phones[1]}:busy,{phones[1]}:busy,{phones[2]}:no_answer,{phones[2]}:no_answer", codes);
        Assert.Equal(5L, await e.ScalarAsync<long>("select count(*) from outbound_dials where phone = any($1)", (object)phones));
    }
}
