using System.Text.Json.Nodes;

namespace Ivr.Tests.Conformance.Mapping;

public sealed class IdMapTests
{
    static JsonNode Channel(string id, string name) => new JsonObject { ["id"] = id, ["name"] = name, ["state"] = "Down" };

    [Fact]
    public void An_originate_response_pairs_the_caller_leg_and_the_name_finds_its_ivr_leg()
    {
        var map = new IdMap();
        map.KnowTraceChannel("1795365481.1", "Local/12366@ivr-entry-00000000;2");
        map.Learn(Channel("1795365481.0", "Local/12366@ivr-entry-00000000;1"), Channel("1700000000.4", "Local/12366@ivr-entry-00000002;1"));

        Assert.Equal("1700000000.4", map.ToSim("1795365481.0"));
        Assert.Null(map.ToSim("1795365481.1"));

        map.SawSimChannel("1700000000.5", "Local/12366@ivr-entry-00000002;2");

        Assert.Equal("1700000000.5", map.ToSim("1795365481.1"));
        Assert.Equal("1795365481.1", map.ToTrace("1700000000.5"));
    }

    [Fact]
    public void Simulator_messages_are_rewritten_into_trace_ids_including_target_uris()
    {
        var map = new IdMap();
        map.Pair("1795365481.1", "sim.7");
        map.Pair("eb8f3b22-0dfe-4d14-9403-b47e3b5b1cb8", "pb-sim-1");
        var message = new JsonObject
        {
            ["type"] = "PlaybackStarted",
            ["playback"] = new JsonObject { ["id"] = "pb-sim-1", ["target_uri"] = "channel:sim.7", ["state"] = "playing" },
            ["bridge"] = new JsonObject { ["channels"] = new JsonArray("sim.7", "unknown.9") },
        };

        var rewritten = map.ToTraceIds(message);

        Assert.Equal("eb8f3b22-0dfe-4d14-9403-b47e3b5b1cb8", (string?)rewritten["playback"]!["id"]);
        Assert.Equal("channel:1795365481.1", (string?)rewritten["playback"]!["target_uri"]);
        Assert.Equal("""["1795365481.1","unknown.9"]""", rewritten["bridge"]!["channels"]!.ToJsonString());
        Assert.Equal("channel:sim.7", (string?)message["playback"]!["target_uri"]);
    }

    [Fact]
    public void A_contradicting_pairing_is_kept_as_a_conflict_not_applied()
    {
        var map = new IdMap();
        map.Pair("1795365481.0", "a");
        map.Pair("1795365481.0", "b");

        Assert.Equal("a", map.ToSim("1795365481.0"));
        Assert.Equal(["trace id 1795365481.0 was paired with simulator id a, now also with b"], map.Conflicts);
    }

    [Theory]
    [InlineData("1795365481.0", true)]
    [InlineData("6bf93a3b-3e1d-4696-819b-d7f9ff63a12b", true)]
    [InlineData("seat-leg1", false)]
    [InlineData("pb-menu-1", false)]
    [InlineData("does-not-exist", false)]
    public void Only_ids_that_Asterisk_made_up_need_a_mapping(string id, bool generated) =>
        Assert.Equal(generated, IdMap.IsGenerated(id));
}
