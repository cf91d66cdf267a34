namespace Ivr.Service.Campaigns;

/// <summary>Dispatches one run in this process with <see cref="InProcessCampaignJobs"/>, waiting for work due within a minute.</summary>
public sealed class CampaignWorker(IServiceProvider services)
{
    static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    /// <summary>Runs every unfinished chunk of the run; true when the run is complete, false when work remains for later.</summary>
    public async Task<bool> DrainRunAsync(long runId, CancellationToken ct)
    {
        var jobs = services.GetRequiredService<InProcessCampaignJobs>();
        var clock = services.GetRequiredService<TimeProvider>();
        var db = services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        await using (var exists = db.CreateCommand("select exists (select 1 from campaign_runs where id = $1)"))
        {
            exists.Parameters.AddWithValue(runId);
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) throw new InvalidOperationException($"campaign run {runId} does not exist");
        }
        await using (var cmd = db.CreateCommand("select distinct chunk_no from campaign_targets where run_id = $1 and state in ('pending', 'retry', 'sending', 'unknown')"))
        {
            cmd.Parameters.AddWithValue(runId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) jobs.EnqueueChunk(runId, r.GetInt32(0));
        }
        var runner = services.GetRequiredService<CampaignJobRunner>();
        while (true)
        {
            await jobs.RunDueAsync(runner, ct);
            if (jobs.NextAt is not { } next) break;
            var wait = next - clock.GetUtcNow();
            if (wait > MaxWait) return false;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
        }
        return await services.GetRequiredService<CampaignScheduler>().CompleteRunIfDoneAsync(runId, ct) || !await AnyOpenAsync(db, runId, ct);
    }

    static async Task<bool> AnyOpenAsync(Npgsql.NpgsqlDataSource db, long runId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select exists (select 1 from campaign_targets where run_id = $1 and state in ('pending', 'retry', 'sending', 'unknown'))");
        cmd.Parameters.AddWithValue(runId);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
