using StackExchange.Redis;

namespace Ivr.Tests.Infrastructure;

/// <summary>
/// A connection to the real test Redis with a key prefix of its own, so tests never see each other's keys.
/// Use as an xunit class or collection fixture.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public string Prefix { get; } = "t:" + Guid.NewGuid().ToString("N")[..8] + ":";

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync() => Connection = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);

    public async Task DisposeAsync()
    {
        var server = Connection.GetServers()[0];
        var db = Connection.GetDatabase();
        await foreach (var key in server.KeysAsync(pattern: Prefix + "*")) await db.KeyDeleteAsync(key);
        await Connection.DisposeAsync();
    }
}
