namespace Ivr.Service.Calls.State;

/// <summary>
/// Section <c>Calls</c>: where per-call state lives (<c>Redis</c>, else IVR_REDIS; none = calls are not kept and cannot be
/// taken over), its key <c>Prefix</c> (default <c>ivr:</c>), this instance's id, how long its lease lasts without a
/// heartbeat (<c>LeaseSeconds</c>, default 10), how often it looks for calls of dead instances (<c>TakeoverSeconds</c>,
/// default a third of the lease) and the safety-net TTL of a call's state (<c>StateTtlMinutes</c>, default 240).
/// </summary>
public sealed record CallStateSettings(string? Redis, string Prefix, string InstanceId, TimeSpan Lease, TimeSpan TakeoverInterval, TimeSpan StateTtl)
{
    public static CallStateSettings From(IConfiguration config)
    {
        var s = config.GetSection("Calls");
        var lease = TimeSpan.FromSeconds(Positive(s, "LeaseSeconds", 10));
        var takeover = s["TakeoverSeconds"] is null ? lease / 3 : TimeSpan.FromSeconds(Positive(s, "TakeoverSeconds", 0));
        var ttl = TimeSpan.FromMinutes(Positive(s, "StateTtlMinutes", 240));
        if (ttl <= lease) throw new InvalidOperationException($"Calls:StateTtlMinutes ({ttl}) must be longer than Calls:LeaseSeconds ({lease}).");
        var redis = Data.ServerConnections.Redis(config, "Calls:Redis") ?? Environment.GetEnvironmentVariable("IVR_REDIS");
        var instance = s["InstanceId"] is { Length: > 0 } id ? id
            : $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        return new CallStateSettings(string.IsNullOrEmpty(redis) ? null : redis, s["Prefix"] ?? "ivr:", instance, lease, takeover, ttl);
    }

    static double Positive(IConfigurationSection s, string key, double fallback)
    {
        var text = s[key];
        if (text is null) return fallback;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new InvalidOperationException($"Calls:{key} '{text}' is not a positive number.");
    }
}
