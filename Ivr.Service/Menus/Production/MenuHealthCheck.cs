using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ivr.Service.Menus.Production;

/// <summary>
/// Healthy when this instance runs the revision PostgreSQL names active; degraded when it runs another one (it could
/// not load the active one, or missed the switch while Redis was away); unhealthy when PostgreSQL cannot be asked.
/// </summary>
public sealed class MenuHealthCheck(MenuDeployment deployment, MenuActivationBus bus) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var current = deployment.Store.Current.Revision;
        MenuActivation? active;
        try { active = await deployment.Revisions.ActiveAsync(ct); }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"menu revisions in PostgreSQL cannot be read: {e.Message}", e);
        }
        var data = new Dictionary<string, object>
        {
            ["current"] = current,
            ["active"] = active?.Revision ?? "",
            ["redis"] = bus.IsConnected ? "connected" : "disconnected",
        };
        if (active is not null && active.Revision != current)
            return HealthCheckResult.Degraded($"this instance runs revision {current} but {active.Revision} is active", data: data);
        if (!bus.IsConnected) return HealthCheckResult.Degraded("Redis is not connected: activations elsewhere reach this instance only after it reconnects", data: data);
        return HealthCheckResult.Healthy($"menu revision {current} is active", data);
    }
}
