using Ivr.Service.Campaigns;
using Ivr.Service.Data;
using Ivr.Tests.Campaigns.StandIns;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using StackExchange.Redis;

namespace Ivr.Tests.Campaigns;

/// <summary>
/// A migrated database, a Redis key prefix and an Alibaba stand-in shared by a test class; each test builds its
/// own <see cref="CampaignEngine"/> (a service instance) on its own fake clock.
/// </summary>
public sealed class CampaignEngineFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();
    public RedisServer Redis { get; } = new();
    public AlibabaSmsStandIn Sms { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await Redis.InitializeAsync();
        await MigrationRunner.MigrateAsync(Database.ConnectionString);
        Sms = await AlibabaSmsStandIn.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Sms.DisposeAsync();
        await Redis.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>The configuration a service instance would have, pointing at the test servers and the stand-in.</summary>
    public Dictionary<string, string?> Configuration(TimeSpan reconcileAfter) => new()
    {
        ["Campaigns:Postgres"] = Database.ConnectionString,
        ["Campaigns:Redis"] = Servers.Redis,
        ["Campaigns:RedisPrefix"] = Redis.Prefix,
        ["Campaigns:Dispatch:ReconcileAfter"] = reconcileAfter.ToString("c"),
        ["Sms:Provider"] = "alibaba",
        ["Sms:TimeoutSeconds"] = "1",
        ["Sms:Alibaba:Endpoint"] = Sms.Url.ToString(),
        ["Sms:Alibaba:AccessKeyId"] = AlibabaSmsStandIn.AccessKeyId,
        ["Sms:Alibaba:AccessKeySecret"] = AlibabaSmsStandIn.AccessKeySecret,
        ["Sms:Alibaba:SignName"] = "12366纳税服务",
    };

    public CampaignEngine Engine(DateTimeOffset start, TimeSpan? reconcileAfter = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(Configuration(reconcileAfter ?? TimeSpan.Zero)).Build();
        var clock = new FakeTimeProvider(start.ToUniversalTime());
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(NpgsqlDataSource.Create(Database.ConnectionString))
            .AddSingleton<IConnectionMultiplexer>(Redis.Connection)
            .AddSingleton<InProcessCampaignJobs>()
            .AddSingleton<ICampaignJobs>(sp => sp.GetRequiredService<InProcessCampaignJobs>());
        services.AddCampaignEngine(config, Database.ConnectionString, Servers.Redis);
        return new CampaignEngine(services.BuildServiceProvider(), clock, Database);
    }
}

/// <summary>One service instance's campaign engine, driven by hand: tick the scheduler, run due jobs, move the clock.</summary>
public sealed class CampaignEngine(ServiceProvider services, FakeTimeProvider clock, PostgresDatabase db) : IAsyncDisposable
{
    public FakeTimeProvider Clock => clock;
    public InProcessCampaignJobs Jobs => services.GetRequiredService<InProcessCampaignJobs>();
    public CampaignAdmin Admin => services.GetRequiredService<CampaignAdmin>();
    public ReceiptRecorder Receipts => services.GetRequiredService<ReceiptRecorder>();
    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>Runs the scheduler and every job due now.</summary>
    public async Task<int> RunDueAsync()
    {
        await services.GetRequiredService<CampaignScheduler>().TickAsync(default);
        return await Jobs.RunDueAsync(services.GetRequiredService<CampaignJobRunner>(), default);
    }

    public void AdvanceTo(DateTimeOffset at) => clock.SetUtcNow(at.ToUniversalTime());

    /// <summary>Adds taxpayers of one test (kept apart by tax office) and returns their phone numbers.</summary>
    public async Task<string[]> AddTaxpayersAsync(string office, int count, int phoneBase)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        var phones = new string[count];
        for (var i = 0; i < count; i++)
        {
            phones[i] = $"139{phoneBase + i:D8}";
            await using var cmd = new NpgsqlCommand("insert into taxpayers (taxpayer_id, name, phone, tax_office) values ($1, $2, $3, $4)", conn);
            cmd.Parameters.AddWithValue($"91110000{phoneBase + i:D10}");
            cmd.Parameters.AddWithValue($"纳税人{i}");
            cmd.Parameters.AddWithValue(phones[i]);
            cmd.Parameters.AddWithValue(office);
            await cmd.ExecuteNonQueryAsync();
        }
        return phones;
    }

    /// <summary>A scheduled SMS campaign over one tax office's taxpayers.</summary>
    public async Task<long> ScheduleCampaignAsync(string office, string? schedule = null, string retryPolicy = "{}", int chunkSize = 500, double rate = 1000)
    {
        var id = await Admin.CreateAsync(new Campaign
        {
            Name = "申报提醒 " + office, TemplateCode = "SMS_123", Schedule = schedule, RetryPolicy = retryPolicy, ChunkSize = chunkSize, SmsPerSecond = rate,
            AudienceSql = $"select taxpayer_id, phone, name, '3月16日' as deadline from taxpayers where tax_office = '{office}'",
        }, default);
        await Admin.ScheduleAsync(id, default);
        return id;
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.AddWithValue(a);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task<CampaignProgress> ProgressAsync(long id) => (await Admin.GetAsync(id, default))!;

    public async ValueTask DisposeAsync() => await services.DisposeAsync();
}
