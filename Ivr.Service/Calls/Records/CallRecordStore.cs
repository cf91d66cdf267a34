using System.Text.Json;
using Npgsql;

namespace Ivr.Service.Calls.Records;

/// <summary>The <c>call_records</c> table: batch inserts for the writer, and the reads behind the API and the CLI.</summary>
public sealed class CallRecordStore(CallRecordsDatabase database)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    NpgsqlDataSource Db => database.DataSource;

    /// <summary>Inserts a batch in one statement; records already stored (same id) are skipped.</summary>
    public async Task InsertAsync(IReadOnlyList<CallRecord> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        await using var cmd = Db.CreateCommand("""
            insert into call_records (id, channel_id, direction, caller_number, dialled_number, entry, campaign_call_id,
                started_at, answered_at, ended_at, language, menu_revision, path, actions, outcome, hangup_cause)
            select id, channel_id, direction, caller_number, dialled_number, entry, campaign_call_id,
                started_at, answered_at, ended_at, language, menu_revision, path::jsonb, actions::jsonb, outcome, hangup_cause
            from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::int[])
                as r(id, channel_id, direction, caller_number, dialled_number, entry, campaign_call_id,
                started_at, answered_at, ended_at, language, menu_revision, path, actions, outcome, hangup_cause)
            on conflict (id) do nothing
            """);
        void Add<T>(Func<CallRecord, T> column) => cmd.Parameters.Add(new NpgsqlParameter { Value = batch.Select(column).ToArray() });
        Add(r => r.Id);
        Add(r => r.ChannelId);
        Add(r => r.Direction);
        Add(r => r.CallerNumber);
        Add(r => r.DialledNumber);
        Add(r => r.Entry);
        Add(r => r.CampaignCallId);
        Add(r => r.StartedAt);
        Add(r => r.AnsweredAt);
        Add(r => r.EndedAt);
        Add(r => r.Language);
        Add(r => r.MenuRevision);
        Add(r => JsonSerializer.Serialize(r.Path, Json));
        Add(r => JsonSerializer.Serialize(r.Actions, Json));
        Add(r => r.Outcome);
        Add(r => r.HangupCause);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The last <paramref name="count"/> calls, newest first.</summary>
    public Task<IReadOnlyList<CallRecord>> LastAsync(int count, CancellationToken ct) =>
        QueryAsync("order by started_at desc, id desc limit $1", [count], ct);

    public async Task<CallRecord?> GetAsync(Guid id, CancellationToken ct) =>
        (await QueryAsync("where id = $1", [id], ct)).FirstOrDefault();

    /// <summary>The record of an outbound campaign call, if the call reached the menu.</summary>
    public async Task<CallRecord?> ByCampaignCallAsync(string callId, CancellationToken ct) =>
        (await QueryAsync("where campaign_call_id = $1 order by started_at desc limit 1", [callId], ct)).FirstOrDefault();

    async Task<IReadOnlyList<CallRecord>> QueryAsync(string tail, object[] args, CancellationToken ct)
    {
        await using var cmd = Db.CreateCommand($"""
            select id, channel_id, direction, caller_number, dialled_number, entry, campaign_call_id, started_at, answered_at,
                ended_at, language, menu_revision, path::text, actions::text, outcome, hangup_cause
            from call_records {tail}
            """);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<CallRecord>();
        while (await r.ReadAsync(ct))
            list.Add(new CallRecord
            {
                Id = r.GetGuid(0), ChannelId = r.GetString(1), Direction = r.GetString(2), CallerNumber = r.GetString(3),
                DialledNumber = r.GetString(4), Entry = r.GetString(5), CampaignCallId = r.IsDBNull(6) ? null : r.GetString(6),
                StartedAt = r.GetFieldValue<DateTimeOffset>(7), AnsweredAt = r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
                EndedAt = r.GetFieldValue<DateTimeOffset>(9), Language = r.GetString(10), MenuRevision = r.GetString(11),
                Path = JsonSerializer.Deserialize<List<PathStep>>(r.GetString(12), Json) ?? [],
                Actions = JsonSerializer.Deserialize<List<ActionStep>>(r.GetString(13), Json) ?? [],
                Outcome = r.GetString(14), HangupCause = r.IsDBNull(15) ? null : r.GetInt32(15),
            });
        return list;
    }

    /// <summary>Calls of one month (hotline time zone): totals per outcome and the most used actions.</summary>
    public async Task<MonthlyStatistics> MonthlyAsync(MonthOf month, CancellationToken ct)
    {
        var (from, to) = month.Range();
        var byOutcome = new Dictionary<string, long>();
        await using (var cmd = Db.CreateCommand("""
            select outcome, count(*) from call_records where started_at >= $1 and started_at < $2 and direction = 'inbound' group by outcome
            """))
        {
            cmd.Parameters.AddWithValue(from);
            cmd.Parameters.AddWithValue(to);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) byOutcome[r.GetString(0)] = r.GetInt64(1);
        }
        var top = new List<ActionCount>();
        await using (var cmd = Db.CreateCommand("""
            select a->>'action', count(*), count(*) filter (where a->>'result' is not null and a->>'result' <> 'error')
            from call_records, jsonb_array_elements(actions) a
            where started_at >= $1 and started_at < $2 and direction = 'inbound'
            group by 1 order by 2 desc, 1 limit $3
            """))
        {
            cmd.Parameters.AddWithValue(from);
            cmd.Parameters.AddWithValue(to);
            cmd.Parameters.AddWithValue(MonthlyStatistics.TopActionCount);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) top.Add(new ActionCount(r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
        }
        return MonthlyStatistics.From(month, byOutcome, top);
    }
}

/// <summary>The PostgreSQL database of call records (a holder, so this capability's registration never clashes with others').</summary>
public sealed record CallRecordsDatabase(NpgsqlDataSource DataSource);
