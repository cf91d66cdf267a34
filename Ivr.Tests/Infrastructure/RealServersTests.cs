using Npgsql;

namespace Ivr.Tests.Infrastructure;

public sealed class RealServersTests(PostgresDatabase pg, RedisServer redis) : IClassFixture<PostgresDatabase>, IClassFixture<RedisServer>
{
    [Fact]
    public async Task The_test_PostgreSQL_is_a_real_server_that_keeps_rows()
    {
        await using var c = new NpgsqlConnection(pg.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("create table t(x int); insert into t values (42); select x from t", c);
        Assert.Equal(42, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_test_Redis_is_a_real_server_that_keeps_keys()
    {
        var db = redis.Connection.GetDatabase();
        await db.StringSetAsync(redis.Prefix + "k", "v");
        Assert.Equal("v", (string?)await db.StringGetAsync(redis.Prefix + "k"));
    }
}
