using StackExchange.Redis;

namespace Ivr.Service.Menus.Production;

/// <summary>
/// Tells every instance that the active menu revision changed, over Redis pub/sub on <c>{prefix}menus:activated</c>.
/// The message only wakes instances up: each reads the active revision from PostgreSQL, so a lost or reordered
/// message cannot leave an instance on the wrong one, and a reconnect triggers the same check.
/// </summary>
public sealed class MenuActivationBus(string redis, string prefix) : IAsyncDisposable
{
    ConnectionMultiplexer? _connection;

    RedisChannel Channel => RedisChannel.Literal(prefix + "menus:activated");

    /// <summary>Connects and subscribes; <paramref name="onChange"/> runs on every message and after every reconnect.</summary>
    public async Task StartAsync(Func<Task> onChange)
    {
        _connection = await ConnectionMultiplexer.ConnectAsync(redis);
        _connection.ConnectionRestored += (_, _) => _ = onChange();
        await _connection.GetSubscriber().SubscribeAsync(Channel, (_, _) => _ = onChange());
    }

    public async Task PublishAsync(string revision)
    {
        var connection = _connection ?? throw new InvalidOperationException("the menu activation bus is not started");
        await connection.GetSubscriber().PublishAsync(Channel, revision);
    }

    public bool IsConnected => _connection?.IsConnected == true;

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
