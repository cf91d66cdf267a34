using Ivr.Menus.Loading;
using Ivr.Menus.Model;
using Ivr.Menus.Validation;

namespace Ivr.Service.Menus.Production;

/// <summary>
/// Menus in production: validates submitted files (a file change or an upload), stores good revisions in PostgreSQL,
/// activates them for every instance (PostgreSQL says which is active, Redis wakes the instances) and switches this
/// instance's <see cref="MenuStore"/> for new calls. A bad set changes nothing: its errors are logged and kept for the API.
/// </summary>
public sealed partial class MenuDeployment(MenuStore store, HostCatalog host, MenuRevisionRepository revisions, MenuActivationBus bus,
    TimeProvider time, ILogger<MenuDeployment> logger)
{
    readonly SemaphoreSlim _sync = new(1, 1);
    MenuRejection? _lastRejection;

    public MenuStore Store => store;

    public MenuRevisionRepository Revisions => revisions;

    /// <summary>Raised after a set was refused, with its errors.</summary>
    public event Action<MenuRejection>? Rejected;

    /// <summary>The last set refused on this instance, until a later one passes.</summary>
    public MenuRejection? LastRejection => Volatile.Read(ref _lastRejection);

    public MenuLoadResult Validate(IReadOnlyList<MenuFile> files) => MenuLoader.Load([.. files.Select(f => f.ToSource())], host);

    /// <summary>
    /// The set a call taken over from another instance started with: loaded here before, or read from menu_revisions and
    /// validated against this instance's prompts and actions (then kept, so a takeover storm loads it once). Null, with
    /// the reason, when it cannot be had.
    /// </summary>
    public async Task<(MenuSet? Set, string Problem)> FindRevisionAsync(string revision, CancellationToken ct)
    {
        if (store.TryRevision(revision) is { } known) return (known, "");
        StoredRevision? stored;
        try
        {
            stored = await revisions.GetAsync(revision, ct);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            return (null, $"menu_revisions could not be read: {e.Message}");
        }
        if (stored is null) return (null, "menu_revisions has no such revision");
        var result = Validate(stored.Files);
        if (result.Set is not { } set) return (null, "it does not load here: " + string.Join("; ", result.Errors));
        store.Remember(set);
        return (set, "");
    }

    /// <summary>Validates; a good set is stored and, when <paramref name="activate"/>, becomes the active revision everywhere.</summary>
    public async Task<MenuSubmission> SubmitAsync(IReadOnlyList<MenuFile> files, string who, string reason, bool activate, CancellationToken ct)
    {
        var result = Validate(files);
        if (result.Set is not { } set)
        {
            var rejection = new MenuRejection(time.GetUtcNow(), who, [.. result.Errors]);
            Volatile.Write(ref _lastRejection, rejection);
            LogRejected(logger, who, rejection.Errors.Count);
            foreach (var e in rejection.Errors) LogRejectedError(logger, e.ToString());
            Rejected?.Invoke(rejection);
            return new MenuSubmission(result, null, null);
        }
        Volatile.Write(ref _lastRejection, null);
        var stored = await revisions.SaveAsync(set.Revision, files, who, ct);
        var activation = activate ? await ActivateStoredAsync(stored, set, who, reason, ct) : null;
        return new MenuSubmission(result, stored, activation);
    }

    /// <summary>Makes a stored revision the active one; null when no revision has that hash.</summary>
    public async Task<MenuSubmission?> ActivateAsync(string revision, string who, string reason, CancellationToken ct)
    {
        if (await revisions.GetAsync(revision, ct) is not { } stored) return null;
        // Checked again: the prompt catalogue or the host's actions may have changed since it was stored.
        var result = Validate(stored.Files);
        if (result.Set is not { } set) return new MenuSubmission(result, stored, null);
        return new MenuSubmission(result, stored, await ActivateStoredAsync(stored, set, who, reason, ct));
    }

    /// <summary>
    /// Activates <paramref name="revision"/>, or without one the revision that was active before the current one; null
    /// when there is nothing earlier to go back to.
    /// </summary>
    public async Task<MenuSubmission?> RollbackAsync(string? revision, string who, CancellationToken ct)
    {
        if (revision is null)
        {
            var history = await revisions.HistoryAsync(1000, ct);
            if (history is not [var current, ..] || history.FirstOrDefault(a => a.Revision != current.Revision) is not { } earlier) return null;
            revision = earlier.Revision;
        }
        return await ActivateAsync(revision, who, "rollback", ct);
    }

    /// <summary>Start-up: takes the active revision from PostgreSQL; the very first instance makes its own menus the first one.</summary>
    public async Task BootstrapAsync(IReadOnlyList<MenuFile> diskFiles, CancellationToken ct)
    {
        if (await revisions.ActiveAsync(ct) is null) await SubmitAsync(diskFiles, "start-up", "start-up", activate: true, ct);
        await SyncAsync(ct);
    }

    /// <summary>Switches this instance to the revision PostgreSQL names active, loading it from there when it is new here.</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        await _sync.WaitAsync(ct);
        try
        {
            if (await revisions.ActiveAsync(ct) is not { } active || active.Revision == store.Current.Revision) return;
            var set = store.TryRevision(active.Revision);
            if (set is null)
            {
                var stored = await revisions.GetAsync(active.Revision, ct)
                    ?? throw new InvalidOperationException($"the active menu revision {active.Revision} is not in menu_revisions");
                var result = Validate(stored.Files);
                if (result.Set is null)
                {
                    LogActiveRefused(logger, active.Revision, string.Join("; ", result.Errors));
                    return;
                }
                set = result.Set;
            }
            var from = store.Current.Revision;
            store.Activate(set);
            LogSwitched(logger, from, set.Revision, active.ActivatedBy, active.Reason);
        }
        finally
        {
            _sync.Release();
        }
    }

    /// <summary>For the bus: a failed check is logged, never thrown into Redis's callback.</summary>
    public async Task SyncQuietlyAsync()
    {
        try { await SyncAsync(CancellationToken.None); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSyncFailed(logger, e);
        }
    }

    async Task<MenuActivation> ActivateStoredAsync(StoredRevision stored, MenuSet set, string who, string reason, CancellationToken ct)
    {
        if (await revisions.ActiveAsync(ct) is { } active && active.Revision == stored.Revision)
        {
            await SyncAsync(ct);
            return active;
        }
        // Known here before the switch, so this instance needs no second validation of the same files.
        store.Remember(set);
        var activation = await revisions.ActivateAsync(stored.Id, who, reason, ct);
        await bus.PublishAsync(stored.Revision);
        await SyncAsync(ct);
        return activation;
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Error, Message = "menus from {Who} refused ({Count} errors below); the current revision stays")]
    static partial void LogRejected(ILogger logger, string who, int count);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Error, Message = "{Error}")]
    static partial void LogRejectedError(ILogger logger, string error);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Information, Message = "menus switched from revision {From} to {To} for new calls (activated by {Who}: {Reason})")]
    static partial void LogSwitched(ILogger logger, string from, string to, string who, string reason);

    [LoggerMessage(EventId = 6304, Level = LogLevel.Error, Message = "the active menu revision {Revision} does not load on this instance; it keeps its current one: {Errors}")]
    static partial void LogActiveRefused(ILogger logger, string revision, string errors);

    [LoggerMessage(EventId = 6305, Level = LogLevel.Error, Message = "checking the active menu revision failed; this instance keeps its current one")]
    static partial void LogSyncFailed(ILogger logger, Exception e);
}
