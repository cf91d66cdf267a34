using Ivr.Service.Data;
using Microsoft.Extensions.Configuration;

namespace Ivr.Tests.Data;

public sealed class ServerConnectionsTests
{
    static IConfiguration Config(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void An_exported_but_empty_server_variable_means_no_server_rather_than_a_connection_string_without_a_host()
    {
        var config = Config(("IVR_POSTGRES", ""), ("IVR_REDIS", "  "));
        Assert.Null(ServerConnections.Postgres(config, "Campaigns:Postgres"));
        Assert.Null(ServerConnections.Redis(config, "Seats:Redis"));
    }

    [Fact]
    public void A_capabilitys_own_setting_wins_over_the_shared_variable_and_an_empty_one_falls_back_to_it()
    {
        var config = Config(("IVR_POSTGRES", "Host=shared"), ("Menus:Postgres", "Host=menus"), ("Seats:Redis", ""), ("IVR_REDIS", "127.0.0.1:6379"));
        Assert.Equal("Host=menus", ServerConnections.Postgres(config, "Menus:Postgres"));
        Assert.Equal("Host=shared", ServerConnections.Postgres(config, "Campaigns:Postgres"));
        Assert.Equal("127.0.0.1:6379", ServerConnections.Redis(config, "Seats:Redis"));
    }
}
