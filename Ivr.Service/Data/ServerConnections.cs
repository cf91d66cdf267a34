namespace Ivr.Service.Data;

/// <summary>
/// Where a capability finds PostgreSQL and Redis: its own setting (e.g. <c>Seats:Redis</c>), else the shared
/// <c>IVR_POSTGRES</c> / <c>IVR_REDIS</c>. An exported but empty variable means "none", not a connection string
/// without a host, so a capability that can run without the server turns itself off instead of failing at start-up.
/// </summary>
public static class ServerConnections
{
    public static string? Postgres(IConfiguration config, string ownKey) => NonEmpty(config[ownKey]) ?? NonEmpty(config["IVR_POSTGRES"]);

    public static string? Redis(IConfiguration config, string ownKey) => NonEmpty(config[ownKey]) ?? NonEmpty(config["IVR_REDIS"]);

    static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
