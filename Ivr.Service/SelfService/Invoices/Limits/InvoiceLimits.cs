using StackExchange.Redis;

namespace Ivr.Service.SelfService.Invoices.Limits;

/// <summary>
/// Counts checks in Redis, shared by every service instance: per calling number in a fixed window, and per invoice per
/// Beijing day. Both counters move in one Lua script, so concurrent calls can never both take the last check. Every
/// attempt counts, whatever its result, as it does at the national service.
/// </summary>
public sealed class InvoiceLimits(IConnectionMultiplexer redis, string prefix, InvoiceLimitOptions options, TimeProvider time)
{
    // KEYS[1] invoice counter, KEYS[2] caller counter (absent for an unknown caller);
    // ARGV invoice limit, invoice counter lifetime (ms), caller limit, caller window (ms). Returns 0 allowed, 1 caller, 2 invoice.
    const string Script = """
        if #KEYS == 2 then
          local n = redis.call('INCR', KEYS[2])
          if n == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
          if n > tonumber(ARGV[3]) then return 1 end
        end
        local m = redis.call('INCR', KEYS[1])
        if m == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        if m > tonumber(ARGV[1]) then return 2 end
        return 0
        """;

    /// <summary>
    /// Counts one check of <paramref name="query"/> by <paramref name="callerNumber"/> and says whether it may go ahead.
    /// A withheld number has no counter of its own: the per-invoice limit still holds for it.
    /// </summary>
    public async Task<LimitVerdict> TryCountAsync(InvoiceQuery query, string callerNumber, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var today = BeijingDay.Today(time);
        // A day's counter outlives its day by an hour, so a clock a little off between instances cannot reset it early.
        var invoiceLifetime = BeijingDay.EndOf(today) - now + TimeSpan.FromHours(1);
        var invoiceKey = (RedisKey)$"{prefix}invoice:checks:{today:yyyyMMdd}:{(query.IsDigital ? "-" : query.Code)}:{query.Number}";
        RedisKey[] keys = string.IsNullOrWhiteSpace(callerNumber) ? [invoiceKey] : [invoiceKey, $"{prefix}invoice:caller:{callerNumber}"];
        var verdict = (int)await redis.GetDatabase().ScriptEvaluateAsync(Script, keys,
            [options.PerInvoicePerDay, (long)invoiceLifetime.TotalMilliseconds, options.PerCaller, (long)options.CallerWindow.TotalMilliseconds]);
        return (LimitVerdict)verdict;
    }
}

/// <summary>Whether a check may go to the verifier, and if not, which limit stopped it.</summary>
public enum LimitVerdict { Allowed = 0, CallerLimit = 1, InvoiceLimit = 2 }
