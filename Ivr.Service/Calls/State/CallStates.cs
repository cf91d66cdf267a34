using StackExchange.Redis;

namespace Ivr.Service.Calls.State;

/// <summary>
/// The call hosts' view of per-call state: the Redis <see cref="CallStateStore"/> when <c>Calls:Redis</c> (or IVR_REDIS) is
/// set, otherwise nothing is kept (one instance, and calls do not survive it; logged once at start). Redis trouble never
/// ends a call: it is logged, and the call goes on here.
/// </summary>
public sealed partial class CallStates(CallStateSettings settings, ILogger<CallStates> logger) : IAsyncDisposable
{
    ConnectionMultiplexer? _redis;
    CallStateStore? _store;

    public string InstanceId => settings.InstanceId;

    public async Task OpenAsync(CancellationToken ct)
    {
        if (settings.Redis is null)
        {
            LogNotKept(logger);
            return;
        }
        _redis = await ConnectionMultiplexer.ConnectAsync(settings.Redis).WaitAsync(ct);
        _store = new CallStateStore(_redis, settings);
        await _store.HeartbeatAsync();
        LogKept(logger, settings.Prefix, settings.InstanceId, settings.Lease);
    }

    public async Task<bool> StartAsync(CallSnapshot call) => _store is null || await Quietly(() => _store.StartAsync(call), true);

    public async Task<bool> SaveAsync(CallSnapshot call) => _store is null || await _store.SaveAsync(call);

    public Task DeleteAsync(string channel) => _store is null ? Task.CompletedTask : Quietly(async () => { await _store.DeleteAsync(channel); return true; }, true);

    public Task<CallStateStore.Orphan?> OrphanAsync(string channel) =>
        _store is null ? Task.FromResult<CallStateStore.Orphan?>(null) : Quietly(() => _store.OrphanAsync(channel), null);

    public async Task<bool> KeptAsync(string channel) => _store is not null && await _store.OwnerAsync(channel) is not null;

    public Task<CallSnapshot?> ClaimAsync(CallStateStore.Orphan orphan) =>
        _store is null ? Task.FromResult<CallSnapshot?>(null) : _store.ClaimAsync(orphan.Channel, orphan.Owner);

    /// <summary>Renews the lease and looks for orphaned calls every <c>Calls:TakeoverSeconds</c> until the service stops.</summary>
    public async Task KeepAliveAsync(Func<CancellationToken, Task> sweep, TimeProvider time, CancellationToken ct)
    {
        if (_store is null)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return;
        }
        while (true)
        {
            try
            {
                await _store.HeartbeatAsync();
                await sweep(ct);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogRedisTrouble(logger, e);
            }
            await Task.Delay(settings.TakeoverInterval, time, ct);
        }
    }

    public Task<IReadOnlyList<CallStateStore.Orphan>> OrphansAsync() =>
        _store is null ? Task.FromResult<IReadOnlyList<CallStateStore.Orphan>>([]) : _store.OrphansAsync();

    async Task<T> Quietly<T>(Func<Task<T>> work, T fallback)
    {
        try { return await work(); }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisTrouble(logger, e);
            return fallback;
        }
    }

    /// <summary>A clean stop hands the calls over at once: the lease goes, the state stays.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_store is not null) await Quietly(async () => { await _store.ReleaseAsync(); return true; }, true);
        if (_redis is not null) await _redis.DisposeAsync();
    }

    [LoggerMessage(EventId = 6030, Level = LogLevel.Warning,
        Message = "Calls:Redis (or IVR_REDIS) is not set: call state is not kept, so calls end with this instance and cannot be taken over")]
    static partial void LogNotKept(ILogger logger);

    [LoggerMessage(EventId = 6031, Level = LogLevel.Information, Message = "call state kept in Redis under {Prefix}call:* as instance {Instance} (lease {Lease})")]
    static partial void LogKept(ILogger logger, string prefix, string instance, TimeSpan lease);

    [LoggerMessage(EventId = 6032, Level = LogLevel.Warning, Message = "call state: Redis failed; calls go on here")]
    static partial void LogRedisTrouble(ILogger logger, Exception ex);
}
