namespace Ivr.Tests.Menus.Production;

/// <summary>A test with a deployment of its own: a fresh database and Redis prefix per test, gone after it.</summary>
public abstract class ClusterTest : IAsyncLifetime
{
    protected MenuCluster Cluster { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Cluster = await MenuCluster.CreateAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
