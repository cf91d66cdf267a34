using Ivr.Service.Data;

namespace Ivr.Service.Menus.Production;

/// <summary>
/// Before calls start: migrates the database, listens for activations, and takes the active revision (the very first
/// instance stores and activates its own menus folder).
/// </summary>
public sealed class MenuProductionStartup(string postgres, string folder, MenuDeployment deployment, MenuActivationBus bus) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await MigrationRunner.MigrateAsync(postgres, ct);
        await bus.StartAsync(deployment.SyncQuietlyAsync);
        await deployment.BootstrapAsync(MenuFolder.Read(folder), ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
