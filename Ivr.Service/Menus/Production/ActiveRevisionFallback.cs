using Ivr.Menus.Loading;
using Ivr.Menus.Validation;
using Npgsql;

namespace Ivr.Service.Menus.Production;

/// <summary>
/// Start-up with local menus that do not load: the revision PostgreSQL names active (<c>Menus:Postgres</c>, else
/// IVR_POSTGRES) stands in, validated again against this instance's prompts and actions — a bad file on one server
/// must not silence the hotline while a good revision is in force everywhere else.
/// </summary>
public static class ActiveRevisionFallback
{
    /// <summary>How long start-up waits for PostgreSQL before giving up on the stored revision.</summary>
    const int ConnectSeconds = 5;

    /// <summary>
    /// The active revision as loaded here, or null with the reason in <paramref name="problem"/>: no PostgreSQL is set or
    /// reachable, no revision was ever activated, or the active one does not load with this instance's prompts either.
    /// </summary>
    public static MenuLoadResult? TryLoad(IConfiguration config, HostCatalog host, out string problem)
    {
        var postgres = Data.ServerConnections.Postgres(config, "Menus:Postgres");
        if (string.IsNullOrEmpty(postgres))
        {
            problem = "no stored revision can stand in: Menus:Postgres (or IVR_POSTGRES) is not set";
            return null;
        }
        var connection = new NpgsqlConnectionStringBuilder(postgres) { Timeout = ConnectSeconds }.ConnectionString;
        StoredRevision? stored;
        try
        {
            // Start-up runs before the host, with no synchronisation context: waiting here blocks nothing else.
            stored = ReadActiveAsync(connection).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            problem = $"the active revision could not be read from PostgreSQL: {e.Message}";
            return null;
        }
        if (stored is null)
        {
            problem = "PostgreSQL holds no active menu revision to stand in";
            return null;
        }
        var result = MenuLoader.Load([.. stored.Files.Select(f => f.ToSource())], host);
        problem = result.Succeeded ? ""
            : $"the active revision {stored.Revision} does not load here either: {string.Join("; ", result.Errors)}";
        return result.Succeeded ? result : null;
    }

    static async Task<StoredRevision?> ReadActiveAsync(string connection)
    {
        await using var revisions = new MenuRevisionRepository(NpgsqlDataSource.Create(connection));
        return await revisions.ActiveAsync(CancellationToken.None) is { } active ? await revisions.GetAsync(active.Revision, CancellationToken.None) : null;
    }
}
