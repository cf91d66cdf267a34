using System.Diagnostics;
using Ivr.Service.Campaigns;
using Xunit.Abstractions;

namespace Ivr.Tests.Campaigns;

/// <summary>
/// The exactly-once promise under the worst crash: the dispatching process (the real `ivr` binary) is killed with
/// SIGKILL at random moments, again and again, and restarted; every taxpayer must end with exactly one SMS.
/// </summary>
public sealed class DispatcherCrashTests(CampaignEngineFixture f, ITestOutputHelper output) : IClassFixture<CampaignEngineFixture>
{
    const int Targets = 120;

    [Fact]
    public async Task Killing_the_dispatcher_at_random_points_never_sends_an_SMS_twice_nor_skips_a_taxpayer()
    {
        await using var e = f.Engine(DateTimeOffset.UtcNow);
        var phones = await e.AddTaxpayersAsync("crash", Targets, 9000);
        var id = await e.Admin.CreateAsync(new Campaign
        {
            Name = "crash", TemplateCode = "SMS_123", Windows = "always", ChunkSize = 40, SmsPerSecond = 1000,
            AudienceSql = "select taxpayer_id, phone from taxpayers where tax_office = 'crash'",
        }, default);
        await e.Admin.ScheduleAsync(id, default);
        var runId = Assert.Single(await e.Get<CampaignScheduler>().TickAsync(default));
        f.Sms.MaxDelayMs = 25; // so kills land before, during and after the provider takes a message

        var kills = 0;
        var random = new Random(12366);
        for (var round = 0; round < 25; round++)
        {
            using var worker = StartWorker(runId);
            // Kill only once this worker is sending (start-up takes seconds here), at a random point after that.
            var before = f.Sms.Sent.Count;
            var started = Stopwatch.StartNew();
            while (f.Sms.Sent.Count == before && !worker.HasExited && started.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(5);
            if (worker.WaitForExit(random.Next(0, 150)))
            {
                Assert.True(worker.ExitCode == 0, $"worker failed: {await worker.StandardError.ReadToEndAsync()}");
                break;
            }
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
            kills++;
        }
        using (var last = StartWorker(runId))
        {
            Assert.True(last.WaitForExit(60_000), "the final worker did not finish within a minute");
            Assert.True(last.ExitCode == 0, await last.StandardError.ReadToEndAsync());
        }

        var progress = await e.ProgressAsync(id);
        output.WriteLine($"{kills} kills; attempts: {string.Join(", ", progress.AttemptsByState.Select(a => $"{a.Key}={a.Value}"))}");
        Assert.True(kills >= 5, $"only {kills} kills: the test did not exercise crashes");
        Assert.Empty(f.Sms.Duplicates);
        var perPhone = f.Sms.Sent.Values.Where(v => phones.Contains(v.Phone)).GroupBy(v => v.Phone).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Targets, perPhone.Count);
        Assert.All(perPhone, p => Assert.Equal(1, p.Value));
        Assert.Equal(new Dictionary<string, long> { ["sent"] = Targets }, progress.TargetsByState);
        Assert.Equal(CampaignStates.Finished, progress.Campaign.State);
    }

    Process StartWorker(long runId)
    {
        var psi = new ProcessStartInfo("dotnet", [IvrBinary.DllPath, "campaigns", "dispatch-worker", "--run", runId.ToString()])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in f.Configuration(reconcileAfter: TimeSpan.FromSeconds(1)))
            psi.Environment[key.Replace(":", "__")] = value;
        psi.Environment["Campaigns__Dispatch__RecheckBusyChunkAfter"] = "00:00:00.200";
        psi.Environment["Campaigns__Dispatch__RecheckUnknownEvery"] = "00:00:01";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(psi)!;
    }
}
