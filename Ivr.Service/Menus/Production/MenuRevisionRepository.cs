using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Ivr.Service.Menus.Production;

/// <summary>
/// Menu revisions and activations in PostgreSQL (migration 0005). A revision is stored once per content hash; the
/// active one is the revision of the newest activation, so every instance agrees on it.
/// </summary>
public sealed class MenuRevisionRepository(NpgsqlDataSource db) : IAsyncDisposable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    const string RevisionColumns = "r.id, r.revision, r.created_at, r.created_by, r.files";
    const string ActivationColumns = "a.id, r.revision, a.activated_at, a.activated_by, a.reason";

    /// <summary>Stores the files under their hash, or finds them when that hash was stored before (keeping the first who/when).</summary>
    public async Task<StoredRevision> SaveAsync(string revision, IReadOnlyList<MenuFile> files, string who, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "insert into menu_revisions(revision, files, created_by) values ($1, $2, $3) on conflict (revision) do nothing");
        cmd.Parameters.AddWithValue(revision);
        cmd.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(files, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.AddWithValue(who);
        await cmd.ExecuteNonQueryAsync(ct);
        return await GetAsync(revision, ct) ?? throw new InvalidOperationException($"menu revision {revision} vanished right after it was stored");
    }

    public async Task<StoredRevision?> GetAsync(string revision, CancellationToken ct) =>
        (await RevisionsAsync($"select {RevisionColumns} from menu_revisions r where r.revision = $1", ct, revision)).FirstOrDefault();

    /// <summary>The newest revisions first.</summary>
    public Task<List<StoredRevision>> ListAsync(int limit, CancellationToken ct) =>
        RevisionsAsync($"select {RevisionColumns} from menu_revisions r order by r.id desc limit $1", ct, limit);

    public async Task<MenuActivation> ActivateAsync(long revisionId, string who, string reason, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "insert into menu_activations(revision_id, activated_by, reason) values ($1, $2, $3) returning id");
        cmd.Parameters.AddWithValue(revisionId);
        cmd.Parameters.AddWithValue(who);
        cmd.Parameters.AddWithValue(reason);
        var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        return (await ActivationsAsync($"where a.id = $1", 1, ct, id))[0];
    }

    /// <summary>The activation in force, or null before the first one.</summary>
    public async Task<MenuActivation?> ActiveAsync(CancellationToken ct) => (await HistoryAsync(1, ct)).FirstOrDefault();

    /// <summary>The newest activations first.</summary>
    public Task<List<MenuActivation>> HistoryAsync(int limit, CancellationToken ct) => ActivationsAsync("", limit, ct);

    async Task<List<StoredRevision>> RevisionsAsync(string sql, CancellationToken ct, object parameter)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue(parameter);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<StoredRevision>();
        while (await r.ReadAsync(ct))
            list.Add(new StoredRevision(r.GetInt64(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3),
                JsonSerializer.Deserialize<List<MenuFile>>(r.GetString(4), Json) ?? []));
        return list;
    }

    async Task<List<MenuActivation>> ActivationsAsync(string where, int limit, CancellationToken ct, params object[] parameters)
    {
        await using var cmd = db.CreateCommand(
            $"select {ActivationColumns} from menu_activations a join menu_revisions r on r.id = a.revision_id {where} order by a.id desc limit {limit}");
        foreach (var p in parameters) cmd.Parameters.AddWithValue(p);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<MenuActivation>();
        while (await r.ReadAsync(ct))
            list.Add(new MenuActivation(r.GetInt64(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetString(4)));
        return list;
    }

    public ValueTask DisposeAsync() => db.DisposeAsync();
}
